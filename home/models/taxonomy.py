from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class Term(TranslatableMixin, index.Indexed, models.Model):
    """A term of a controlled vocabulary: a label, a stable slug and a definition."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=100, help_text=_("Used in filter URLs"))
    definition = models.TextField(_("definition"), blank=True)

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
