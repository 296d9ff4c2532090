from django.db import models
from django.utils.translation import gettext_lazy as _

from home.models import Term


def _unique_slug(name):
    return [models.UniqueConstraint(fields=["slug", "locale"], name=f"unique_{name}_slug_per_locale")]


class DataSource(Term):
    """A kind of data an initiative draws on (mobile phone records, satellite imagery...)."""

    class Meta(Term.Meta):
        verbose_name = _("data source")
        verbose_name_plural = _("data sources")
        constraints = _unique_slug("datasource")


class Method(Term):
    """An analytical approach (mobility estimation, nowcasting...)."""

    class Meta(Term.Meta):
        verbose_name = _("method")
        verbose_name_plural = _("methods")
        constraints = _unique_slug("method")


class ValueProposition(Term):
    """What a data collaborative offers migration policy (Young & Verhulst, 2018)."""

    class Meta(Term.Meta):
        verbose_name = _("value proposition")
        verbose_name_plural = _("value propositions")
        constraints = _unique_slug("valueproposition")


class CollaborativeType(Term):
    """The GovLab typology of data collaboratives."""

    class Meta(Term.Meta):
        verbose_name = _("collaborative type")
        verbose_name_plural = _("collaborative types")
        constraints = _unique_slug("collaborativetype")


class Region(Term):
    """A World Bank region, or 'global'. Entries get theirs from their countries."""

    class Meta(Term.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = _unique_slug("region")
