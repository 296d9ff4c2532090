"""Read-side queries for the home page and the news."""

from django.db.models import QuerySet
from django.utils import translation

from wagtail.models import get_page_models

from home.caching import cached
from home.describing import DescribedPage


def home_listings(*, home, now):
    """What every page type adds to the home page (`home_page_section`): the
    featured entries, the latest news, events and members, and the key figures.
    Home names none of them.

    `key_figures` is the one name several page types fill: their lists are
    joined and sorted by each figure's `order`.
    """

    def compute():
        context = {}
        figures = []
        for model in get_page_models():
            if issubclass(model, DescribedPage):
                section = dict(model.home_page_section(home=home, now=now))
                figures += section.pop("key_figures", [])
                context.update(section)
        # Evaluated here, so what is cached is rows, not querysets to run again.
        context = {name: list(value) if isinstance(value, QuerySet) else value for name, value in context.items()}
        context["key_figures"] = sorted(figures, key=lambda figure: figure["order"])
        return context

    # Cached until content changes or the minute turns (an event moves from
    # upcoming to past), like the events listing: the pages with their
    # prefetched images, so a home page rendered afresh runs none of its queries.
    minute = now.replace(second=0, microsecond=0).isoformat()
    return cached(("home-listings", home.pk, translation.get_language(), minute), compute, timeout=60)


def key_figure(*, order, count, label, page_type, anchor=""):
    """One figure of the home page: a number, what it counts and the index page
    (a page type label, linked through `{% index_url %}`) that lists them."""
    return {"order": order, "count": count, "label": label, "page_type": page_type, "anchor": anchor}


def news_listing(*, index, request):
    """The news of one index, filtered by `?topic=<slug>` (unknown slugs are ignored),
    with the topics that have news, for the filter, and the page's rendered cards.

    The topics and the ordered ids are cached per topic until content changes,
    and the cards like the directory's (`news_cards`), so a news index rendered
    afresh loads no news page once its cards are cached.
    """
    from home.fragments import cached_cards, in_order
    from home.models import Topic
    from home.models.mixins import paginate

    topics = cached(
        ("news-topics", index.pk),
        lambda: list(Topic.objects.live().filter(pk__in=index.get_news().values("topics")).order_by("name")),
    )
    topic_slug = str(request.GET.get("topic", ""))
    # Compared in Python: a slug from the URL never reaches SQL (NUL bytes and all).
    active_topic = next((topic for topic in topics if topic.slug == topic_slug), None)

    def ordered_ids():
        news = index.get_news()
        if active_topic:
            news = news.filter(topics=active_topic)
        return list(news.values_list("pk", flat=True))

    ids = cached(("news-listing", index.pk, active_topic.pk if active_topic else None), ordered_ids)
    news_page = paginate(request, ids, index.per_page)
    cards = cached_cards(
        request,
        "components/card_news.html",
        news_page.object_list,
        lambda missing: in_order(index.get_news(), missing),
        as_name="news",
    )
    return {"active_topic": active_topic, "topics": topics, "news_page": news_page, "news_cards": cards}
