"""Admin screens for the directory: its vocabularies (snippets).

The submissions inbox is in home/submissions/wagtail_hooks.py."""

from django.utils.translation import gettext_lazy

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directory.models import (
    CollaborativeType,
    DataArrangement,
    DataProtection,
    DataSource,
    Method,
    PriorityQuestion,
    Region,
    ValueProposition,
)


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
