"""Search helpers for the public templates: `|highlight:query` and `{% search_suggestions %}`."""

import html
import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe

from home.search_query import clean_query, fold, inflections, suggestions, terms_of

register = template.Library()

_WORDS = re.compile(r"(\w+)", re.UNICODE)


def query_forms(query):
    """The folded forms a word of the text must have to match `query`: each word's
    own, folded and singular or plural forms, as the search itself matches them."""
    forms = set()
    for term in terms_of(clean_query(query)):
        for form in {term, fold(term)}:
            forms |= {fold(variant) for variant in inflections(form)}
    return forms


@register.filter(needs_autoescape=True)
def highlight(text, query, autoescape=True):
    """`text` with the words of `query` in <mark>: the text is split into words and
    the rest, each piece escaped, then the matching words marked, so neither the
    text nor the query can add markup. Without a query, the text as it is."""
    return _marked(text, query_forms(query or ""), autoescape=autoescape)


def _marked(text, forms, *, autoescape=True):
    if isinstance(text, SafeData):
        if "<" in text:
            # Markup (a rich-text excerpt): words inside its tags must not be marked.
            return text
        # Escaped plain text ({% firstof %} escapes what it outputs): back to text, escaped again below.
        text = html.unescape(text)
    text = "" if text is None else str(text)
    if not forms:
        return escape(text) if autoescape else text
    pieces = []
    for number, piece in enumerate(_WORDS.split(text)):
        # split() with a group puts the words at odd positions.
        if number % 2 and fold(piece) in forms:
            pieces.append(f"<mark>{html.escape(piece)}</mark>")
        else:
            pieces.append(html.escape(piece))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece escaped above


_CARD_TEXT = re.compile(r'(<p class="card__text"[^>]*>)([^<]*)(</p>)')


def highlight_card_texts(cards, query):
    """Rendered cards with the words of `query` marked in their text (`<p class="card__text">`,
    escaped plain text): the cards are rendered and cached once for every query, and a
    new query costs a pass over twenty paragraphs rather than twenty cards rendered again."""
    forms = query_forms(query or "")
    if not forms:
        return cards

    def mark(match):
        return match.group(1) + _marked(mark_safe(match.group(2)), forms) + match.group(3)  # noqa: S308 - escaped text

    return [mark_safe(_CARD_TEXT.sub(mark, card)) for card in cards]  # noqa: S308 - our cards, marked above


def datalist(list_id, names):
    """`<datalist id=list_id>` of `names`: the browser offers them as the visitor types
    into an `<input list=list_id>`, with no script; choosing one searches for that name."""
    options = "".join(f'<option value="{escape(name)}"></option>' for name in names)
    return mark_safe(f'<datalist id="{escape(list_id)}">{options}</datalist>')  # noqa: S308 - escaped above


@register.simple_tag
def search_suggestions(list_id):
    """The site search's datalist: every vocabulary's names and the directory's countries
    (home.search_query.suggestions, cached per content version)."""
    return datalist(list_id, suggestions())
