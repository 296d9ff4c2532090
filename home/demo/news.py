"""News pages, one per record of news.json, with their related members and entries."""

from home.demo import mappings
from home.demo.reference import citations, load, partial_date
from home.demo.upsert import model, upsert_page


def load_news(tree, members, entries, *, tally):
    news_model = model("home.NewsPage")
    news = {}
    for record in load("news"):
        slug = record["slug"]
        fields = {
            "title": record["title"],
            "date": partial_date(record["date"]),
            "date_precision": record.get("date_precision") or "day",
            "intro": record["summary"],
            # No photo in the reference data: cards show a band with the topic instead.
            "image": None,
            "sources": citations(record.get("sources")),
        }
        m2m = {
            "related_members": [members[s] for s in mappings.NEWS_MEMBERS.get(slug, []) if s in members],
            "related_entries": [entries[s] for s in mappings.NEWS_ENTRIES.get(slug, []) if s in entries],
        }
        news[slug] = upsert_page(tree["news"], news_model, slug, fields, m2m=m2m, tally=tally, kind="news pages")
    return news
