"""The taxonomies (topics and the directory's vocabularies) and the priority questions."""

from django.core.management.base import CommandError

from home.demo.reference import citations, load
from home.demo.upsert import model, upsert_object

# vocabularies.json key -> model label of the snippet it fills.
VOCABULARIES = {
    "migration_topics": "home.Topic",
    "data_sources": "directory.DataSource",
    "methods": "directory.Method",
    "value_propositions": "directory.ValueProposition",
    "collaborative_types": "directory.CollaborativeType",
    "regions": "directory.Region",
    "data_protections": "directory.DataProtection",
    "data_arrangements": "directory.DataArrangement",
}


def load_vocabularies(*, locale, tally):
    vocabularies = load("vocabularies")
    for key, label in VOCABULARIES.items():
        term_model = model(label)
        for term in vocabularies[key]["terms"]:
            upsert_object(
                term_model,
                {"slug": term["slug"], "locale": locale},
                {"name": term["label"], "definition": term.get("definition", "")},
                tally=tally,
                kind=str(term_model._meta.verbose_name_plural),
            )


def terms(label, slugs, locale):
    if not slugs:
        return []
    found = {term.slug: term for term in model(label).objects.filter(slug__in=slugs, locale=locale)}
    missing = set(slugs) - set(found)
    if missing:
        raise CommandError(f"Unknown {label} slugs in the reference data: {', '.join(sorted(missing))}")
    return [found[slug] for slug in slugs]


def load_questions(*, locale, tally):
    question_model = model("directory.PriorityQuestion")
    topic_model = model("home.Topic")
    data = load("questions")
    topics = {topic.slug: topic for topic in topic_model.objects.filter(locale=locale)}
    kind = "priority questions"

    def upsert(slug, **fields):
        upsert_object(question_model, {"slug": slug, "locale": locale}, fields, tally=tally, kind=kind)

    for position, topic in enumerate(data["ucl_2020_topics"]):
        upsert(
            f"{topic['slug']}-guiding-question",
            question=topic["guiding_question"],
            topic=topics.get(topic["slug"]),
            origin="Editorial restatement of a topic of Franklinos et al. (2020)",
            sort_order=position * 100,
            sources=citations(topic.get("sources")),
        )
    topic_order = {topic["slug"]: position for position, topic in enumerate(data["ucl_2020_topics"])}
    for position, question in enumerate(data["ucl_2020_table1_questions"], start=1):
        upsert(
            question["slug"],
            question=question["question"],
            topic=topics.get(question["topic"]),
            origin="Franklinos et al. (2020), Table 1",
            sort_order=topic_order.get(question["topic"], len(topic_order)) * 100 + position,
            sources=citations(question.get("sources")),
        )
    for position, question in enumerate(data["bd4m_studio_questions"], start=1):
        upsert(
            question["slug"],
            question=question["question"],
            topic=None,
            origin=question.get("derived_from") or "BD4M Studio (2021)",
            sort_order=10_000 + position,
            sources=citations(question.get("sources")),
        )
