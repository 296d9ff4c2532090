"""Admin screens for the directory: its vocabularies (snippets) and the
"Entries due for review" report (directory/reports.py).

The submissions inbox is in home/submissions/wagtail_hooks.py."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directory.models import (
    CollaborativeType,
    DataSource,
    Method,
    PriorityQuestion,
    Region,
    ValueProposition,
)
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
        PriorityQuestionViewSet,
    )


register_snippet(DirectoryVocabulariesGroup)


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
