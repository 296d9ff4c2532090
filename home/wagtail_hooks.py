"""Admin screens for home: the shared Topic vocabulary as a snippet, the
submissions inbox (home/submissions/wagtail_hooks.py), the Failed tasks
report (home/background/wagtail_hooks.py), the personal-data scan's banner
and findings screen (home/privacy_scan/wagtail_hooks.py), the possible-duplicate
banner (home/semantic/wagtail_hooks.py) and translations as drafts in
moderation (home/translations/wagtail_hooks.py), registered on import."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.background import wagtail_hooks as failed_tasks_report  # noqa: F401 - registers the report
from home.models import Topic
from home.privacy_scan import wagtail_hooks as personal_data_scan  # noqa: F401 - registers the banner and screen
from home.semantic import wagtail_hooks as duplicate_warnings  # noqa: F401 - registers the banner
from home.submissions import wagtail_hooks as submissions_inbox  # noqa: F401 - registers the inbox
from home.translations import wagtail_hooks as translation_moderation  # noqa: F401 - drafts, not direct publishing


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name", "definition"]
    ordering = ["name"]


register_snippet(TopicViewSet)
