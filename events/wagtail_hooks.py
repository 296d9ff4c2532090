"""Admin screens for events: the EventSeries vocabulary as a snippet."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from events.models import EventSeries


class EventSeriesViewSet(SnippetViewSet):
    model = EventSeries
    icon = "date"
    list_display = ["name", "slug"]
    search_fields = ["name", "definition"]
    ordering = ["name"]


register_snippet(EventSeriesViewSet)
