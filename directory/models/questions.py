from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, Page, RevisionMixin, TranslatableMixin, WorkflowMixin
from wagtail.search import index

from wagtail_localize.fields import SynchronizedField

from home.blocks import BodyBlock, SourcesBlock
from home.describing import DescribedPage
from home.models.taxonomy import TermQuerySet


class PriorityQuestion(WorkflowMixin, DraftStateMixin, RevisionMixin, TranslatableMixin, index.Indexed, models.Model):
    """A question on migration that new data could help answer: a vocabulary
    with drafts and moderation like the terms (home.models.taxonomy.Term)."""

    question = models.TextField(_("question"))
    slug = models.SlugField(_("slug"), max_length=100)
    topic = models.ForeignKey(
        "home.Topic",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="priority_questions",
        verbose_name=_("topic"),
    )
    origin = models.CharField(
        _("origin"),
        max_length=255,
        blank=True,
        help_text=_("Where the question comes from, for example a workshop or a study"),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    sources = StreamField(SourcesBlock(), blank=True)

    objects = TermQuerySet.as_manager()
    # The slug names the term in filter URLs in every language (directory/facets.py
    # matches translations by it): copied from the source, never translated.
    override_translatable_fields = [SynchronizedField("slug")]

    panels = [
        FieldPanel("question"),
        FieldPanel("slug"),
        FieldPanel("topic"),
        FieldPanel("origin"),
        FieldPanel("sort_order"),
        FieldPanel("sources"),
    ]
    search_fields = [index.SearchField("question"), index.AutocompleteField("question")]
    # What the directory's question filter shows (directory/facets.py).
    facet_label_field = "question"

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("priority question")
        verbose_name_plural = _("priority questions")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_priorityquestion_slug_per_locale")
        ]

    def __str__(self):
        return self.question


class QuestionsPage(DescribedPage, Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("priority questions page")

    @classmethod
    def home_page_section(cls, *, home, now):
        from directory.selectors import question_count
        from home.selectors import key_figure

        count = question_count(locale=home.locale)
        label = npgettext("key figure", "priority question", "priority questions", count)
        return {"key_figures": [key_figure(order=50, count=count, label=label, page_type="directory.QuestionsPage")]}

    def get_context(self, request, *args, **kwargs):
        from directory.models import DirectoryIndexPage
        from directory.selectors import evidence_gap_map, questions_by_topic

        context = super().get_context(request, *args, **kwargs)
        context["question_groups"] = questions_by_topic(locale=self.locale)
        directory = DirectoryIndexPage.objects.live().public().sibling_of(self).first()
        if directory is not None:
            context["gap_map"] = evidence_gap_map(index=directory, locale=self.locale)
        return context
