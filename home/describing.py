"""How a page type describes itself to the rest of the site.

Listings, search results, the meta description, JSON-LD and the home page ask
the page, never its model label, so a new page type says all of this in its
own model and nothing in `home` has to learn its fields:

- `summary_fields`: where its summary is (after the promote tab's search
  description, which always wins); `card_summary()`, `meta_description()`
  and `search_excerpt()` read them;
- `vocabulary_fields` and `vocabulary_relations`: the words and the taxonomy
  whose names the site search offers as spellings (home/search_query.py);
- `embedding_text()`: what its sentence embedding is made from (home/semantic);
- `search_suggestions()`: names beside its vocabularies' that the search forms
  suggest as the visitor types (home/search_query.py: suggestions);
- `structured_data()`: its schema.org object (home/templatetags/seo_tags.py);
- `share_image()`, `og_type` and `published_time()`: its Open Graph card;
- `search_result_date()`: the date a search result shows;
- `home_page_section()`: what it adds to the home page's context
  (home/selectors.py finds it through Wagtail's `get_page_models()`).
"""

from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.functions import Substr
from django.utils.html import strip_tags
from django.utils.text import Truncator

from wagtail.models import Page, PageViewRestriction

DESCRIPTION_WORDS = 50
EXCERPT_WORDS = 40


def plain_text(value):
    """Text or rich text as one line of plain text."""
    return " ".join(strip_tags(str(value)).split()) if value else ""


def organisation(name, url):
    return {"@type": "Organization", "name": name, "url": url}


def live_public(related):
    """The live, public pages of a page's many-to-many link, in the link's order, as a list.

    Works on a saved page (a queryset: one query) and on a page being
    previewed, whose links modelcluster holds in memory (a FakeQuerySet, which
    knows nothing of `live()`).
    """
    items = related.all()
    if isinstance(items, QuerySet):
        return list(items.live().exclude(in_private_section()))
    ids = [item.pk for item in items]
    visible = Page.objects.live().public().in_bulk(ids)
    return [visible[pk] for pk in ids if pk in visible]


def in_private_section():
    """Whether a page lies under a view restriction (on itself or an ancestor).

    The condition of Wagtail's `public()` as one subquery, where `public()`
    first reads every restriction in a query of its own: a page showing its
    links must not cost a query more than it did.
    """
    covering = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, F("page__depth") * Page.steplen)
    )
    return Exists(covering)


class DescribedPage:
    """The description protocol, with defaults that suit a page with an `intro`."""

    summary_fields = ("intro",)
    vocabulary_fields = ()
    # Many-to-many fields whose vocabularies' names count as words of the site.
    vocabulary_relations = ()
    og_type = "website"

    def summary_text(self):
        """The page's own summary as plain text, in full."""
        for name in ("search_description", *self.summary_fields):
            text = plain_text(getattr(self, name, ""))
            if text:
                return text
        return ""

    def card_summary(self, length=0):
        """The summary for a listing, cut to `length` characters when given."""
        text = self.summary_text()
        return Truncator(text).chars(int(length)) if length and text else text

    @classmethod
    def search_suggestions(cls):
        """Names the search forms suggest besides the vocabularies' (none by default)."""
        return []

    def embedding_text(self):
        """The text the page's sentence embedding is made from (home/semantic): its
        title, summary and vocabulary names say in a few words what it is about,
        where the body would dilute the vector and cost a window per 512 tokens."""
        parts = [self.title, self.summary_text()]
        for name in self.vocabulary_relations:
            names = [term.name for term in getattr(self, name).all()]
            if names:
                parts.append(", ".join(names))
        return ". ".join(part for part in parts if part)

    def meta_description(self):
        return Truncator(self.summary_text()).words(DESCRIPTION_WORDS)

    def search_excerpt(self):
        return Truncator(self.summary_text()).words(EXCERPT_WORDS)

    def search_result_date(self):
        return None

    def share_image(self):
        return getattr(self, "image", None)

    def published_time(self):
        """When an article was first published (`article:published_time`), or None."""
        return None

    def structured_data(self, *, url, publisher, image=None, request=None):
        """The schema.org object for the page (without `@context`), or None when
        no type says more than WebPage. `publisher` is the site's Organization,
        `image` the social image ({"url", "width", ...}) or None. The caller adds
        the url, description and image when the object has none."""
        return None

    @classmethod
    def home_page_section(cls, *, home, now):
        """Context this page type adds to the home page: {name: pages}. The name
        `key_figures` takes a list of `home.selectors.key_figure` dicts, joined
        with the other page types' (counted through `home.caching.cached`)."""
        return {}
