"""The directory's index page: the listing with its facets and maps, and the
routes of the public forms and confirmation links under /directory/."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from directory.models.entries import DirectoryEntryPage
from home.describing import DescribedPage


class DirectoryIndexPage(DescribedPage, RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["directory.DirectoryEntryPage"]
    max_count_per_parent = 1
    per_page = 20

    class Meta:
        verbose_name = _("directory index page")

    def get_entries(self):
        return DirectoryEntryPage.objects.live().public().descendant_of(self)

    def get_context(self, request, *args, **kwargs):
        from directory.selectors import directory_page

        context = super().get_context(request, *args, **kwargs)
        context.update(directory_page(index=self, request=request))
        return context

    def structured_data(self, *, url, publisher, image=None, request=None):
        base = url.rstrip("/") + "/"
        return {
            "@type": "Dataset",
            "name": "BD4M Data Innovation Directory",
            "creator": publisher,
            "isAccessibleForFree": True,
            "distribution": [
                {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": base + "export.csv"},
                {"@type": "DataDownload", "encodingFormat": "application/json", "contentUrl": base + "export.json"},
            ],
        }

    @classmethod
    def home_page_section(cls, *, home, now):
        from directory.maps import home_page_map

        return {"directory_map": home_page_map(home)}

    @path("submit/")
    def submit(self, request):
        from directory.views import submit_entry

        return submit_entry(request, index=self)

    @path("submit/thanks/")
    def submit_thanks(self, request):
        from home.submissions.views import submission_thanks

        return submission_thanks(request, index=self, kind="entry")

    @path("confirm/<path:token>/")
    def confirm(self, request, token):
        """A credited organisation's signed link to a draft entry (directory/confirmation/)."""
        from directory.confirmation.views import confirm_entry

        return confirm_entry(request, index=self, token=token)

    @path("confirmed/")
    def confirmation_thanks(self, request):
        from directory.confirmation.views import confirmation_thanks

        return confirmation_thanks(request, index=self)
