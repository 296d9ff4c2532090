"""Admin screens for home: the shared Topic vocabulary as a snippet."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.models import Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name", "definition"]
    ordering = ["name"]


register_snippet(TopicViewSet)
