"""The "Entries due for review" report: live directory entries whose data
stewards' review is missing or older than HUB_REVIEW_INTERVAL_MONTHS, for the
data stewards and the moderators (registered in directory/wagtail_hooks.py)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.reports import ReportView

from directory.stewardship import entries_due_for_review, review_interval_months
from home.services import MODERATORS_GROUP, STEWARDS_GROUP


def user_sees_review_report(user) -> bool:
    return user.is_active and (
        user.is_superuser or user.groups.filter(name__in=[STEWARDS_GROUP, MODERATORS_GROUP]).exists()
    )


class EntriesDueForReviewView(ReportView):
    page_title = _("Entries due for review")
    header_icon = "time"
    results_template_name = "directory/admin/entries_due_for_review_results.html"
    index_url_name = "directory_entries_due_for_review"
    index_results_url_name = "directory_entries_due_for_review_results"
    list_export = ["title", "last_reviewed", "last_published_at", "full_url"]
    export_headings = {"last_reviewed": _("Last reviewed"), "last_published_at": _("Last published")}

    def dispatch(self, request, *args, **kwargs):
        if not user_sees_review_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"entries-due-for-review-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return entries_due_for_review()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["interval_months"] = review_interval_months()
        context["can_edit"] = (
            self.request.user.is_superuser or self.request.user.groups.filter(name=MODERATORS_GROUP).exists()
        )
        return context
