"""Read-side queries for the home page. Other apps' models are named by label."""

from django.apps import apps


def home_listings(*, home, now):
    news_model = apps.get_model("home", "NewsPage")
    event_model = apps.get_model("events", "EventPage")
    member_model = apps.get_model("directory", "MemberPage")
    entry_model = apps.get_model("directory", "DirectoryEntryPage")

    live_entries = entry_model.objects.live().public()
    featured = list(
        live_entries.filter(pk__in=home.featured_entries.values("entry_id"))
        .select_related("image")
        .prefetch_related("data_sources", "image__renditions")
    )
    if not featured:
        featured = list(
            live_entries.select_related("image")
            .prefetch_related("data_sources", "image__renditions")
            .order_by("-year_started")[:3]
        )
    events = event_model.objects.live().public().select_related("image").prefetch_related("image__renditions")
    upcoming = list(events.filter(end__gte=now).order_by("start")[:3])
    return {
        "featured_entries": featured,
        "latest_news": news_model.objects.live()
        .public()
        .select_related("image")
        .prefetch_related("image__renditions")
        .order_by("-date")[:3],
        "upcoming_events": upcoming,
        # With nothing upcoming, the home page shows the latest past events instead.
        "past_events": [] if upcoming else list(events.filter(end__lt=now).order_by("-start")[:3]),
        "members_strip": member_model.objects.live()
        .public()
        .select_related("logo")
        .prefetch_related("logo__renditions")
        .order_by("title")[:12],
    }


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
