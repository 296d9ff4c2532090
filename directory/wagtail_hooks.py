"""Admin screens for the directory: its vocabularies (snippets), the
"Entries due for review" report (directory/reports.py), and the link a
moderator sends to a credited organisation to confirm a draft entry, with its
entries in the page's history (directory/confirmation/).

The submissions inbox is in home/submissions/wagtail_hooks.py."""

from django.urls import path, reverse
from django.utils.translation import gettext, gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directory.confirmation.admin_views import send_confirmation_link
from directory.confirmation.services import CHANGE_REQUESTED, CONFIRMED, SENT, can_request_confirmation
from directory.models import (
    CollaborativeType,
    DataArrangement,
    DataProtection,
    DataSource,
    DirectoryEntryPage,
    Method,
    PriorityQuestion,
    Region,
    ValueProposition,
)
from directory.release_admin import VIEW_NAME as RELEASES_VIEW_NAME
from directory.release_admin import can_make_releases, releases_admin
from directory.reports import EntriesDueForReviewView, user_sees_review_report


class TermViewSet(SnippetViewSet):
    list_display = ["name", "slug"]
    search_fields = ["name", "definition"]
    ordering = ["name"]


class DataSourceViewSet(TermViewSet):
    model = DataSource
    icon = "table"


class MethodViewSet(TermViewSet):
    model = Method
    icon = "cogs"


class ValuePropositionViewSet(TermViewSet):
    model = ValueProposition
    icon = "pick"


class CollaborativeTypeViewSet(TermViewSet):
    model = CollaborativeType
    icon = "group"


class RegionViewSet(TermViewSet):
    model = Region
    icon = "site"


class DataProtectionViewSet(TermViewSet):
    model = DataProtection
    icon = "lock"


class DataArrangementViewSet(TermViewSet):
    model = DataArrangement
    icon = "doc-full"


class PriorityQuestionViewSet(SnippetViewSet):
    model = PriorityQuestion
    icon = "help"
    list_display = ["question", "topic", "sort_order"]
    list_filter = ["topic"]
    search_fields = ["question"]


class DirectoryVocabulariesGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Directory vocabularies")
    menu_icon = "tag"
    menu_order = 260
    items = (
        DataSourceViewSet,
        MethodViewSet,
        ValuePropositionViewSet,
        CollaborativeTypeViewSet,
        RegionViewSet,
        DataProtectionViewSet,
        DataArrangementViewSet,
        PriorityQuestionViewSet,
    )


register_snippet(DirectoryVocabulariesGroup)


class SendConfirmationLinkMenuItem(PageMenuItem):
    """In a draft entry's header menu: ask a credited organisation to confirm it."""

    label = gettext_lazy("Ask an organisation to confirm")
    icon_name = "mail"
    url_name = "directory_send_confirmation_link"

    def is_shown(self, user):
        return issubclass(self.page.specific_class or Page, DirectoryEntryPage) and can_request_confirmation(
            user=user, page=self.page
        )


@hooks.register("register_page_header_buttons")
def confirmation_link_button(page, user, view_name, next_url=None):
    yield SendConfirmationLinkMenuItem(page=page, priority=67)


@hooks.register("register_admin_urls")
def register_confirmation_urls():
    return [
        path(
            "directory/entries/<int:page_id>/confirmation-link/",
            send_confirmation_link,
            name="directory_send_confirmation_link",
        )
    ]


@hooks.register("register_log_actions")
def register_confirmation_log_actions(actions):
    class ConfirmationFormatter(LogFormatter):
        def organisation(self, log_entry):
            return log_entry.data.get("organisation") or gettext("(no organisation named)")

        def format_comment(self, log_entry):
            return log_entry.data.get("comment", "")

    @actions.register_action(SENT)
    class LinkSent(ConfirmationFormatter):
        label = gettext_lazy("Confirmation: link sent")

        def format_message(self, log_entry):
            return gettext("Sent a confirmation link to %(organisation)s") % {
                "organisation": self.organisation(log_entry)
            }

    @actions.register_action(CONFIRMED)
    class Confirmed(ConfirmationFormatter):
        label = gettext_lazy("Confirmation: confirmed")

        def format_message(self, log_entry):
            return gettext("%(organisation)s confirmed the description (through the confirmation link)") % {
                "organisation": self.organisation(log_entry)
            }

    @actions.register_action(CHANGE_REQUESTED)
    class ChangeRequested(ConfirmationFormatter):
        label = gettext_lazy("Confirmation: change requested")

        def format_message(self, log_entry):
            return gettext("%(organisation)s asked for a change (through the confirmation link)") % {
                "organisation": self.organisation(log_entry)
            }


class EntriesDueForReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return user_sees_review_report(request.user)


@hooks.register("register_admin_urls")
def entries_due_for_review_urls():
    view = EntriesDueForReviewView
    return [
        path("reports/entries-due-for-review/", view.as_view(), name=view.index_url_name),
        path(
            "reports/entries-due-for-review/results/",
            view.as_view(results_only=True),
            name=view.index_results_url_name,
        ),
    ]


@hooks.register("register_reports_menu_item")
def entries_due_for_review_menu_item():
    return EntriesDueForReviewMenuItem(
        gettext_lazy("Entries due for review"),
        reverse(EntriesDueForReviewView.index_url_name),
        icon_name="time",
        order=850,
    )


class ReleasesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_make_releases(request.user)


@hooks.register("register_admin_urls")
def directory_releases_urls():
    return [path("directory/releases/", releases_admin, name=RELEASES_VIEW_NAME)]


@hooks.register("register_settings_menu_item")
def directory_releases_menu_item():
    return ReleasesMenuItem(
        gettext_lazy("Directory releases"), reverse(RELEASES_VIEW_NAME), icon_name="download", order=900
    )
