"""The similar entries at the foot of a directory entry, each with why.

Two rankings of the entry's live, public siblings, fused by reciprocal rank
fusion (home/semantic/hybrid.py: fuse), so an entry near the top of either
ends near the top:

- shared vocabulary: data sources, countries, topics and methods in common,
  weighted (a shared data source says more than a shared method);
- meaning: the cosine similarity of the entries' sentence embeddings
  (home/semantic/vectors.py), when vectors exist and search by meaning is on.

Without the model or vectors the shared vocabulary ranks alone. The result is
plain data (ids and reasons) cached per entry and content version; a constant
number of queries computes it whatever the number of entries.
"""

from django.utils.translation import gettext as _

from wagtail.models import Page

from home.caching import cached
from home.fragments import cards_by_id
from home.semantic import engine, vectors
from home.semantic.hybrid import fuse

SIMILAR_COUNT = 4
# Below this cosine an entry is nearest only because something must be (e5's
# similarities between entries of the directory crowd between 0.8 and 0.92:
# docs/architecture.md, "Similar entries and possible duplicates").
MEANING_FLOOR = 0.82
MEANING_LIMIT = 20
# How much one shared term of each kind weighs in the vocabulary ranking, and
# the order in which the reasons are given.
WEIGHTS = {"data_source": 3, "country": 2, "topic": 2, "method": 1}
MAX_REASONS = 2


def _siblings(entry):
    from directory.models import DirectoryEntryPage

    parent_path = entry.path[: -Page.steplen]
    return (
        DirectoryEntryPage.objects.live()
        .public()
        .filter(depth=entry.depth, path__startswith=parent_path)
        .exclude(pk=entry.pk)
    )


def _shared_terms(entry, candidates):
    """{entry id: [(kind, term id or country code)]} of the candidates sharing a term with `entry`:
    one query per kind of term, restricted in SQL to the candidates."""
    from directory.models import DirectoryEntryPage, EntryCountry

    shared = {}
    candidate_ids = candidates.values("pk")
    for kind, relation, column in (
        ("data_source", "data_sources", "datasource_id"),
        ("topic", "topics", "topic_id"),
        ("method", "methods", "method_id"),
    ):
        own = [term.pk for term in getattr(entry, relation).all()]
        if not own:
            continue
        links = getattr(DirectoryEntryPage, relation).through.objects.filter(
            **{f"{column}__in": own, "directoryentrypage_id__in": candidate_ids}
        )
        for entry_id, term_id in links.values_list("directoryentrypage_id", column).order_by(column):
            shared.setdefault(entry_id, []).append((kind, term_id))
    codes = [str(link.country) for link in entry.country_links.all()]
    if codes:
        links = EntryCountry.objects.filter(country__in=codes, page_id__in=candidate_ids)
        for entry_id, code in links.values_list("page_id", "country").order_by("country"):
            shared.setdefault(entry_id, []).append(("country", str(code)))
    return shared


def _compute(entry):
    candidates = _siblings(entry)
    shared = _shared_terms(entry, candidates)
    weight = {pk: sum(WEIGHTS[kind] for kind, _key in terms) for pk, terms in shared.items()}

    meaning = {}
    vector = vectors.vector_of(entry.pk) if engine.enabled() else None
    if vector is not None:
        ids = candidates.order_by().values_list("pk", flat=True)
        near = vectors.nearest(vector, ids, limit=MEANING_LIMIT, min_score=MEANING_FLOOR, exclude={entry.pk})
        meaning = dict(near)

    by_vocabulary = sorted(weight, key=lambda pk: (-weight[pk], -meaning.get(pk, 0.0), pk))
    by_meaning = sorted(meaning, key=lambda pk: (-meaning[pk], -weight.get(pk, 0), pk))
    chosen = fuse(by_vocabulary, by_meaning)[:SIMILAR_COUNT]

    order = list(WEIGHTS)
    result = []
    for pk in chosen:
        terms = sorted(shared.get(pk, []), key=lambda item: order.index(item[0]))
        reasons = terms[:MAX_REASONS] or [("meaning", round(meaning[pk], 3))]
        result.append((pk, reasons))
    return result


def similar_ids(entry, *, preview=False):
    """[(entry id, [(kind, key)])]: the similar entries, best first, and why each one
    (kind "data_source", "topic", "method" with a term id, "country" with a code,
    or "meaning" with the cosine). A preview (a draft's terms) is never cached."""
    if not entry.pk or not entry.path:
        return []
    if preview:
        return _compute(entry)
    return cached(("similar-entries", entry.pk), lambda: _compute(entry))


def _lower_first(name):
    # "Mobile phone network data (CDR)" reads "mobile phone network data (CDR)"
    # mid-sentence, but an acronym ("GPS data") keeps its capitals.
    return name[:1].lower() + name[1:] if len(name) > 1 and name[1].islower() else name


def describe(reasons, names):
    """The reasons as sentences: "Also uses mobile phone network data (CDR)", "Also about Haiti"."""
    sentences = []
    for kind, key in reasons:
        if kind == "meaning":
            sentences.append(_("Close in meaning"))
            continue
        name = names.get((kind, key))
        if not name:
            continue
        if kind == "data_source":
            sentences.append(_("Also uses %(name)s") % {"name": _lower_first(name)})
        elif kind == "method":
            sentences.append(_("Same method: %(name)s") % {"name": _lower_first(name)})
        elif kind == "country":
            sentences.append(_("Also about %(name)s") % {"name": name})
        else:
            sentences.append(_("Also about %(name)s") % {"name": _lower_first(name)})
    return sentences


def _names(entry):
    """The names of the entry's own terms and countries: the shared ones are among them."""
    names = {("data_source", term.pk): term.name for term in entry.data_sources.all()}
    names.update({("topic", term.pk): term.name for term in entry.topics.all()})
    names.update({("method", term.pk): term.name for term in entry.methods.all()})
    names.update({("country", str(link.country)): link.country.name for link in entry.country_links.all()})
    return names


def similar_entries(entry, request):
    """[{"card": rendered entry card, "why": [sentences]}] for the foot of `entry`'s page.

    The cards are the directory's own (components/card_entry.html), cached per
    entry and content version with every other listing's (home.fragments).
    """
    from directory.listing import load_entry_cards

    # The page's one prefetch of its own terms (made already by its template), read
    # by the ranking and by the reasons.
    entry.relations  # noqa: B018
    found = similar_ids(entry, preview=getattr(request, "is_preview", False))
    if not found:
        return []
    names = _names(entry)
    ids = [pk for pk, _reasons in found]
    cards = cards_by_id(request, "components/card_entry.html", ids, load_entry_cards, as_name="entry")
    return [{"card": cards[pk], "why": describe(reasons, names)} for pk, reasons in found if pk in cards]
