"""The public read-only API (Wagtail API v2): published, public pages only.

Wagtail's pages endpoint already lists only live pages visible to anonymous
visitors, but a page's fields can point at other pages (featured entries,
related members, organisers), and those links carry the linked page's title.
The endpoint below removes every link to a page that is not live and public,
so a draft or restricted page's title never leaves the site through the API.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page

from home.media_privacy import visible_images
from home.search_query import clean_query


def _page_links(data):
    """Yield (container, key or index) of every nested page link in serialized data."""
    if isinstance(data, dict):
        for key, value in data.items():
            if _is_page_link(value):
                yield data, key
            else:
                yield from _page_links(value)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            if _is_page_link(value):
                yield data, index
            else:
                yield from _page_links(value)


def _is_page_link(value):
    if not isinstance(value, dict) or "id" not in value or not isinstance(value.get("meta"), dict):
        return False
    meta = value["meta"]
    # Links to pages point at the pages endpoint; images and documents elsewhere.
    return "/pages/" in str(meta.get("detail_url", "")) or "html_url" in meta


def hide_private_links(data):
    """Drop links to pages that are not live and public, in place; one query."""
    top = data.get("items", [data]) if isinstance(data, dict) else []
    links = []
    for item in top:
        meta = item.get("meta") if isinstance(item, dict) else None
        if isinstance(meta, dict) and _is_page_link(meta.get("parent")):
            links.append((meta, "parent"))
        for field_name, value in item.items() if isinstance(item, dict) else []:
            if field_name in {"meta", "id"}:
                continue
            links.extend(_page_links(value))
    if not links:
        return data
    ids = {container[key]["id"] for container, key in links}
    visible = set(Page.objects.live().public().filter(pk__in=ids).values_list("pk", flat=True))
    # Remove from the end so list indices stay valid.
    for container, key in reversed(links):
        if container[key]["id"] not in visible:
            if isinstance(container, list):
                del container[key]
            else:
                container[key] = None
    return data


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Published pages only, only those visible to anonymous visitors, and links
    to other pages only where those are public too."""

    def get_base_queryset(self):
        return super().get_base_queryset().live().public()

    def _clean_search(self, request):
        if "search" in request.GET:
            params = request.GET.copy()
            params["search"] = clean_query(params.get("search", ""))
            request._request.GET = params

    def listing_view(self, request):
        self._clean_search(request)
        response = super().listing_view(request)
        hide_private_links(response.data)
        return response

    def detail_view(self, request, pk):
        response = super().detail_view(request, pk)
        hide_private_links(response.data)
        return response


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    """Only images in a public collection or used by a live public page: an image
    sent with a public submission is absent (listing, ?search=, detail) until a
    moderator publishes its page (home/media_privacy.py)."""

    def get_queryset(self):
        # Wagtail's own excludes every restricted collection, even images a live page shows.
        return visible_images(self.model.objects.all().order_by("id"), self.request)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
