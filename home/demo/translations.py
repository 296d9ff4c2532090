"""French and Spanish versions of the home page, three standard pages and the
vocabularies, loaded as live translations of the English records.

The texts are in home/reference_data/translations_pages.json and
translations_vocabularies.json, translated from the English by hand (see their
`_about`). A translated page is Wagtail's `copy_for_translation` of the
English one (same translation key, the locale's own tree under a translated
home page), then kept up to date like every demo page: saved and published
only when it differs, so a second run changes nothing. Translated terms share
their English term's translation key and slug, so the directory's facets and
filter URLs stay the same in every language.
"""

import re

from django.conf import settings
from django.utils.html import escape

from wagtail.models import Locale

from home.demo import data_handling, pages
from home.demo.reference import load
from home.demo.upsert import _assign, _differs, model, upsert_object
from home.demo.vocabularies import VOCABULARIES

LANGUAGES = ("fr", "es")
CITE = re.compile(r"\{cite:([A-Z0-9_]+)(?::([^}]*))?\}")


def load_translations(tree, *, tally):
    texts = load("translations_pages")
    vocabularies = load("translations_vocabularies")
    english_pages = _english_texts()
    for code in LANGUAGES:
        locale = Locale.objects.get_or_create(language_code=code)[0]
        _load_terms(vocabularies[code], locale, tally=tally)
        language = texts[code]
        home = _translated_page(tree["home"], locale, _home_fields(language["home"]), tally=tally, kind="home page")
        tree[f"home:{code}"] = home
        statuses = vocabularies[code]["membership_status"]
        for slug, text in language["pages"].items():
            english = english_pages[slug]
            fields = {
                "title": text["title"],
                "intro": text["intro"],
                "body": _body(text["body"], english, statuses, language["durations"]),
                "show_in_menus": tree[slug].show_in_menus,
            }
            _translated_page(tree[slug], locale, fields, tally=tally, kind="standard pages")


def _english_texts():
    standard = {page["slug"]: page for page, _in_menus in pages.standard_pages()}
    standard[data_handling.SLUG] = data_handling.how_we_handle_data_page()
    return standard


def _home_fields(text):
    return {name: text[name] for name in ("title", "hero_heading", "hero_text", "hero_link_label", "intro")} | {
        "submit_heading": text["submit_heading"],
        "submit_text": text["submit_text"],
    }


def _translated_page(english, locale, fields, *, tally, kind):
    """The live translation of `english` into `locale`, created or brought up to `fields`."""
    page = english.specific_class.objects.filter(translation_key=english.translation_key, locale=locale).first()
    if page is None:
        page = english.copy_for_translation(locale)
        _assign(page, fields, {}, {})
        page.save_revision().publish()
        tally.created(f"{kind} ({locale.language_code})")
        return page
    if _differs(page, fields, {}, {}) or not page.live or page.latest_revision_id is None:
        _assign(page, fields, {}, {})
        page.save_revision().publish()
        tally.updated(f"{kind} ({locale.language_code})")
    else:
        tally.unchanged(f"{kind} ({locale.language_code})")
    return page


def _load_terms(vocabularies, locale, *, tally):
    default = Locale.get_default()
    for key, label in VOCABULARIES.items():
        term_model = model(label)
        english = {term.slug: term for term in term_model.objects.filter(locale=default)}
        for slug, (name, definition) in vocabularies[key].items():
            source = english[slug]
            upsert_object(
                term_model,
                {"translation_key": source.translation_key, "locale": locale},
                {"slug": slug, "name": name, "definition": definition},
                tally=tally,
                kind=f"{term_model._meta.verbose_name_plural} ({locale.language_code})",
            )


def _body(blocks, english, statuses, durations):
    values = {
        "sources": _english_sources(english),
        "statuses": "".join(
            f"<li><b>{escape(name)}</b>: {escape(definition)}</li>" for name, definition in statuses.values()
        ),
        **_durations(durations),
    }
    body = []
    for kind, text in blocks:
        if kind == "paragraph":
            text = CITE.sub(lambda match: pages.cite(getattr(pages, match[1]), match[2]), text)
            for name, value in values.items():
                text = text.replace("{" + name + "}", value)
        body.append({"type": kind, "value": text})
    return body


def _english_sources(english):
    """The English page's list of sources: titles stay in their own language."""
    blocks = english["body"]
    for position, block in enumerate(blocks[:-1]):
        if block["type"] == "heading" and block["value"] == "Sources":
            return blocks[position + 1]["value"]
    return ""


def _durations(words):
    """The figures of "How we handle data", from the settings, in the page's language."""

    def amount(count, unit):
        one, many = words[unit]
        return one if count == 1 else f"{count} {many}"

    def duration(seconds):
        if seconds % 3600 == 0:
            return amount(seconds // 3600, "hour")
        return amount(max(1, seconds // 60), "minute")

    return {
        "retention": amount(settings.HUB_SUBMISSION_RETENTION_DAYS, "day"),
        "link_days": amount(settings.HUB_CONFIRMATION_LINK_DAYS, "day"),
        "rate_window": duration(settings.HUB_SUBMISSION_RATE_WINDOW),
        "session": duration(settings.SESSION_COOKIE_AGE),
    }
