"""The directory's facet engine: which filters a GET query asks for, the SQL
conditions they make, and each facet's counts under the other filters.

A facet is a vocabulary of the entries (data source, value proposition,
collaborative type, topic, region, the priority questions they address, and
the data responsibility record's protections and arrangements), a choice column
of that record (sensitivity class, level of sharing, personal data; "not
stated" is a value like the others), their countries or their start year.
The counts cost one GROUP BY query per facet, whatever the number of
entries; directory/listing.py caches them with the listing. The panel's
markup is rendered by directory/templatetags/facet_tags.py.
"""

from dataclasses import dataclass, field
from functools import cache as memoize

from django.conf import settings
from django.db.models import Count, Q
from django.utils import translation
from django.utils.translation import gettext_lazy

from django_countries import countries

from home.caching import cached
from home.search_query import clean_query

SORTS = ("relevance", "newest", "title")
YEAR_RANGE = range(1950, 2101)
# Filter values kept per parameter: more than any real use, few enough to bound the SQL.
MAX_VALUES = 20
COUNTRY_LABEL = gettext_lazy("Country")
YEAR_LABEL = gettext_lazy("Year started")
# Not a panel facet: the entries crediting a member, linked from its page
# ("See all 120 in the directory"); kept by the panel's form as a hidden field.
MEMBER_LABEL = gettext_lazy("Member")


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    param: str
    label: str
    options: list = field(default_factory=list)

    @property
    def has_selection(self):
        return any(option.selected for option in self.options)


def term_facets():
    from directory.models import (
        CollaborativeType,
        DataArrangement,
        DataProtection,
        DataSource,
        PriorityQuestion,
        Region,
        ValueProposition,
    )
    from home.models import Topic

    # (GET parameter, label in the active language, term model, field of DirectoryEntryPage)
    return [
        ("data_source", gettext_lazy("Data source"), DataSource, "data_sources"),
        ("value", gettext_lazy("Value proposition"), ValueProposition, "value_propositions"),
        ("type", gettext_lazy("Collaborative type"), CollaborativeType, "collaborative_type"),
        ("topic", gettext_lazy("Topic"), Topic, "topics"),
        ("region", gettext_lazy("Region"), Region, "regions"),
        ("question", gettext_lazy("Priority question"), PriorityQuestion, "questions"),
        ("protection", gettext_lazy("Protection applied"), DataProtection, "protections"),
        ("arrangement", gettext_lazy("Legal and technical arrangement"), DataArrangement, "arrangements"),
    ]


def choice_facets():
    from directory.models import Answer, Sensitivity, SharingLevel

    # (GET parameter, label, choices, field of DirectoryEntryPage)
    return [
        ("sensitivity", gettext_lazy("Sensitivity class"), Sensitivity, "sensitivity"),
        ("sharing", gettext_lazy("Level of data sharing"), SharingLevel, "sharing_level"),
        ("personal_data", gettext_lazy("Personal data involved"), Answer, "personal_data"),
    ]


# Facets of a vocabulary an entry may leave empty, where "empty" is an answer
# worth finding ("which entries state no protection?"): an extra option for it.
UNSTATED = "not_stated"
UNSTATED_LABELS = {"protection": gettext_lazy("None stated"), "arrangement": gettext_lazy("Not stated")}

# The panel's order: what an entry is about, then where and when, then its data responsibility.
PANEL_ORDER = (
    "data_source",
    "value",
    "type",
    "topic",
    "region",
    "question",
    "country",
    "year",
    "sensitivity",
    "sharing",
    "protection",
    "arrangement",
    "personal_data",
)


def facet_labels():
    """(GET parameter, label) of every facet, in the panel's order."""
    labels = dict((param, label) for param, label, *_ in (*term_facets(), *choice_facets()))
    labels.update(country=COUNTRY_LABEL, year=YEAR_LABEL)
    return [(param, labels[param]) for param in PANEL_ORDER]


def vocabularies():
    """{parameter: {slug or choice value: name}} for the active language, cached until content changes."""
    language = translation.get_language() or "en"
    return cached(("directory-vocabularies", language), lambda: _vocabularies(language))


def _vocabularies(language):
    vocab = {}
    for param, _label, model, _field in term_facets():
        # One query per vocabulary: each term in the visitor's language where it is
        # translated, else in the default language (never in a third one).
        # A term's label is its name; a priority question's is its text (in each model's own order).
        label = getattr(model, "facet_label_field", "name")
        ordering = model._meta.ordering or ["name"]
        rows = list(model.objects.live().order_by(*ordering).values_list("slug", label, "locale__language_code"))
        translated = {slug for slug, _name, code in rows if code == language}
        vocab[param] = {
            slug: name
            for slug, name, code in rows
            if code == language or (code == settings.LANGUAGE_CODE and slug not in translated)
        }
    with translation.override(language):
        for param, label in UNSTATED_LABELS.items():
            vocab[param][UNSTATED] = str(label)
        for param, _label, choices, _field in choice_facets():
            vocab[param] = {value: str(label) for value, label in choices.choices}
    return vocab


def _selected(params, name, valid):
    values = []
    for value in params.getlist(name)[:MAX_VALUES]:
        value = str(value).strip()
        if value in valid and value not in values:
            values.append(value)
    return sorted(values)


def parse_params(params):
    """The valid filters, query and sort of a GET query; anything unknown is dropped."""
    vocab = vocabularies()
    active = {param: _selected(params, param, vocab[param]) for param, *_ in (*term_facets(), *choice_facets())}
    active["country"] = _selected_countries(params)
    active["year"] = _selected(params, "year", {str(year) for year in YEAR_RANGE})
    active["member"] = _selected(params, "member", member_names()) if "member" in params else []
    sort = params.get("sort", "relevance")
    if sort not in SORTS:
        sort = "relevance"
    return vocab, active, clean_query(params.get("q", "")), sort


def member_names():
    """{slug: title} of the live, public member pages, cached until content changes."""

    def compute():
        from directory.models import MemberPage

        return dict(MemberPage.objects.live().public().order_by("title").values_list("slug", "title"))

    return cached(("directory-member-names",), compute)


def _selected_countries(params):
    values = []
    for value in params.getlist("country")[:MAX_VALUES]:
        code = str(value).strip().upper()
        if code in countries and code not in values:
            values.append(code)
    return sorted(values)


def conditions_for(active):
    """One `pk__in` subquery per active filter: values of one filter are alternatives,
    filters combine. Subqueries (not joins) keep every entry once, with no DISTINCT."""
    from directory.models import DirectoryEntryPage, EntryCountry, EntryOrganisation

    conditions = {}
    for param, _label, _model, field_name in term_facets():
        if not active[param]:
            continue
        model_field = DirectoryEntryPage._meta.get_field(field_name)
        if model_field.many_to_many:
            through = model_field.remote_field.through
            page_key = f"{model_field.m2m_field_name()}_id"
            ids = through.objects.filter(**{f"{model_field.m2m_reverse_field_name()}__slug__in": active[param]}).values(
                page_key
            )
            condition = Q(pk__in=ids)
            if param in UNSTATED_LABELS and UNSTATED in active[param]:
                condition |= ~Q(pk__in=through.objects.values(page_key))
            conditions[param] = condition
        else:
            conditions[param] = {f"{field_name}__slug__in": active[param]}
    for param, _label, _choices, field_name in choice_facets():
        if active[param]:
            conditions[param] = {f"{field_name}__in": active[param]}
    if active["country"]:
        conditions["country"] = {"pk__in": EntryCountry.objects.filter(country__in=active["country"]).values("page_id")}
    if active["year"]:
        conditions["year"] = {"year_started__in": [int(year) for year in active["year"]]}
    if active.get("member"):
        conditions["member"] = {
            "pk__in": EntryOrganisation.objects.filter(member__slug__in=active["member"]).values("page_id")
        }
    return conditions


def apply_conditions(queryset, conditions, skip=None):
    for param, condition in conditions.items():
        if param != skip:
            queryset = queryset.filter(condition) if isinstance(condition, Q) else queryset.filter(**condition)
    return queryset


def facet_counts(base, conditions):
    """{parameter: {value: number of entries}}: each filter's counts under all the other filters.

    One GROUP BY query per facet, whatever the number of entries or values.
    """
    from directory.models import DirectoryEntryPage

    counts = {}
    for param, _label, _model, field_name in term_facets():
        scope = apply_conditions(base, conditions, skip=param).values("pk")
        model_field = DirectoryEntryPage._meta.get_field(field_name)
        if param in UNSTATED_LABELS:
            # A LEFT JOIN: an entry with no term is counted under None, that is "not stated".
            rows = (
                DirectoryEntryPage.objects.filter(pk__in=scope)
                .values_list(f"{field_name}__slug")
                .annotate(n=Count("pk", distinct=True))
                .order_by()
            )
            rows = [(slug or UNSTATED, n) for slug, n in rows]
        elif model_field.many_to_many:
            through = model_field.remote_field.through
            page_key = f"{model_field.m2m_field_name()}_id"
            rows = (
                through.objects.filter(**{f"{page_key}__in": scope})
                .values_list(f"{model_field.m2m_reverse_field_name()}__slug")
                .annotate(n=Count(page_key, distinct=True))
                .order_by()
            )
        else:
            rows = (
                DirectoryEntryPage.objects.filter(pk__in=scope, **{f"{field_name}__isnull": False})
                .values_list(f"{field_name}__slug")
                .annotate(n=Count("pk"))
                .order_by()
            )
        counts[param] = dict(rows)
    for param, _label, _choices, field_name in choice_facets():
        counts[param] = dict(
            DirectoryEntryPage.objects.filter(pk__in=apply_conditions(base, conditions, skip=param).values("pk"))
            .values_list(field_name)
            .annotate(n=Count("pk"))
            .order_by()
        )
    counts["country"] = country_counts(apply_conditions(base, conditions, skip="country"))
    counts["year"] = {
        str(year): n
        for year, n in DirectoryEntryPage.objects.filter(
            pk__in=apply_conditions(base, conditions, skip="year").values("pk"), year_started__isnull=False
        )
        .values_list("year_started")
        .annotate(n=Count("pk"))
        .order_by()
    }
    return counts


def country_counts(entries):
    """{country code: number of `entries` in it}, in one GROUP BY query."""
    from directory.models import EntryCountry

    return dict(
        EntryCountry.objects.filter(page_id__in=entries.values("pk"))
        .values_list("country")
        .annotate(n=Count("page_id", distinct=True))
        .order_by()
    )


@memoize
def country_names(language):
    """{code: name} in `language`: one pass over django-countries per process and
    language, where `countries.name(code)` per option cost 15 ms a listing."""
    with translation.override(language):
        return {code: str(name) for code, name in countries}


def build_facets(vocab, active, counts):
    """The facets in the panel's order; a value is offered when entries have it or it is selected."""
    facets = []
    for param, label, *_ in (*term_facets(), *choice_facets()):
        options = [
            FacetOption(slug, name, counts[param].get(slug, 0), slug in active[param])
            for slug, name in vocab[param].items()
            if counts[param].get(slug) or slug in active[param]
        ]
        facets.append(Facet(param, label, options))
    codes = set(counts["country"]) | set(active["country"])
    names = country_names(translation.get_language() or "en")
    facets.append(
        Facet(
            "country",
            COUNTRY_LABEL,
            sorted(
                (
                    FacetOption(code, names.get(code, code), counts["country"].get(code, 0), code in active["country"])
                    for code in codes
                ),
                key=lambda option: option.label,
            ),
        )
    )
    years = sorted(set(counts["year"]) | set(active["year"]), reverse=True)
    facets.append(
        Facet(
            "year",
            YEAR_LABEL,
            [FacetOption(year, year, counts["year"].get(year, 0), year in active["year"]) for year in years],
        )
    )
    return sorted(facets, key=lambda facet: PANEL_ORDER.index(facet.param))
