"""Read-side queries for the home page and the news."""

from wagtail.models import get_page_models

from home.describing import DescribedPage


def home_listings(*, home, now):
    """What every page type adds to the home page (`home_page_section`): the
    featured entries, the latest news, events and members, and the key figures.
    Home names none of them.

    `key_figures` is the one name several page types fill: their lists are
    joined and sorted by each figure's `order`.
    """
    context = {}
    figures = []
    for model in get_page_models():
        if issubclass(model, DescribedPage):
            section = dict(model.home_page_section(home=home, now=now))
            figures += section.pop("key_figures", [])
            context.update(section)
    context["key_figures"] = sorted(figures, key=lambda figure: figure["order"])
    return context


def key_figure(*, order, count, label, page_type, anchor=""):
    """One figure of the home page: a number, what it counts and the index page
    (a page type label, linked through `{% index_url %}`) that lists them."""
    return {"order": order, "count": count, "label": label, "page_type": page_type, "anchor": anchor}


def news_listing(*, index, request):
    """The news of one index, filtered by `?topic=<slug>` (unknown slugs are ignored),
    with the topics that have news, for the filter. Three queries plus the page."""
    from home.models import Topic
    from home.models.mixins import paginate

    news = index.get_news()
    topics = list(Topic.objects.filter(pk__in=news.values("topics")).order_by("name"))
    topic_slug = str(request.GET.get("topic", ""))
    # Compared in Python: a slug from the URL never reaches SQL (NUL bytes and all).
    active_topic = next((topic for topic in topics if topic.slug == topic_slug), None)
    if active_topic:
        news = news.filter(topics=active_topic)
    return {"active_topic": active_topic, "topics": topics, "news_page": paginate(request, news, index.per_page)}
