"""The directory's index page: the listing with its facets and maps, and the
routes of the public forms and confirmation links under /directory/."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page
from wagtail.search import index

from directory.models.entries import DirectoryEntryPage
from home.describing import DescribedPage


class DirectoryIndexPage(DescribedPage, RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("licence")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["directory.DirectoryEntryPage"]
    max_count_per_parent = 1
    per_page = 20

    class Meta:
        verbose_name = _("directory index page")

    @property
    def licence(self):
        """The open licence of the directory's data (a site setting), for the API."""
        from home.licences import data_licence

        return data_licence(self.get_site()).as_dict()

    def get_entries(self):
        return DirectoryEntryPage.objects.live().public().descendant_of(self)

    def get_context(self, request, *args, **kwargs):
        from directory.selectors import directory_page

        context = super().get_context(request, *args, **kwargs)
        context.update(directory_page(index=self, request=request))
        return context

    def structured_data(self, *, url, publisher, image=None, request=None):
        from directory.catalogue import DATASET_TITLE, dataset_summary
        from home.licences import data_licence

        # The exports and the data package sit beside the directory (hub/urls.py).
        base = url.rstrip("/") + "/"
        facts = dataset_summary(self)
        data = {
            "@type": "Dataset",
            "name": DATASET_TITLE,
            "identifier": base,
            "creator": publisher,
            "publisher": publisher,
            "isAccessibleForFree": True,
            "license": (data_licence(request=request) if request else data_licence(self.get_site())).url,
            "distribution": [
                {"@type": "DataDownload", "encodingFormat": media_type, "contentUrl": base + name}
                for name, media_type in (
                    ("export.csv", "text/csv"),
                    ("export.json", "application/json"),
                    ("datapackage.json", "application/vnd.datapackage+json"),
                )
            ],
        }
        if facts["version"]:
            data["version"] = facts["version"]
        if facts["modified"]:
            data["dateModified"] = facts["modified"].isoformat()
        return data

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

    # Open data (directory/open_data.py); the file-like URLs are in hub/urls.py.
    @path("releases/")
    def releases(self, request):
        from directory.open_data import releases_page

        return releases_page(request, index=self)

    @path("releases/latest/")
    def latest_release(self, request):
        from directory.open_data import latest_release_redirect

        return latest_release_redirect(request, index=self)

    @re_path(r"^releases/(?P<version>\d{4}-\d{2}-\d{2})/$")
    def release(self, request, version):
        from directory.open_data import release_page

        return release_page(request, index=self, version=version)

    @path("atom/")
    def atom_feed(self, request):
        from directory.open_data import atom_feed

        return atom_feed(request, index=self)
