from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Published pages only, and only those visible to anonymous visitors."""

    def get_base_queryset(self):
        return super().get_base_queryset().live().public()


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
