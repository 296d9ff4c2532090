from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin, WorkflowMixin
from wagtail.search import index

from wagtail_localize.fields import SynchronizedField


class TermQuerySet(models.QuerySet):
    def live(self):
        """The published terms: what visitors, forms and exports may show."""
        return self.filter(live=True)


class Term(WorkflowMixin, DraftStateMixin, RevisionMixin, TranslatableMixin, index.Indexed, models.Model):
    """A term of a controlled vocabulary: a label, a stable slug and a definition.

    Drafts and the moderation workflow, like pages: a translation made in
    wagtail-localize's editor (or a change by an editor) is a draft until a
    moderator approves it; until then visitors see the term's live version, or
    the English one (home/translations/moderation.py).
    """

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=100, help_text=_("Used in filter URLs"))
    definition = models.TextField(_("definition"), blank=True)

    objects = TermQuerySet.as_manager()
    # The slug names the term in filter URLs in every language (directory/facets.py
    # matches translations by it): copied from the source, never translated.
    override_translatable_fields = [SynchronizedField("slug")]

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("definition")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("definition"),
        index.FilterField("slug"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Topic(Term):
    """A theme shared by news, events, members and directory entries."""

    class Meta(Term.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_topic_slug_per_locale")]
