"""Load the demo content: every kind of content in turn, each idempotent, then both indexes once.

The loader is the package's entry point (`manage.py load_demo_content`); each
kind of content has its own module: `tree` (home, index and standard pages,
site settings), `vocabularies` (taxonomies and priority questions), `members`,
`entries`, `events`, `news`, `users` and `translations` (French and Spanish), all built on `upsert`, which finds a
record again and saves it only when it differs. As bakerydemo does, nothing is
indexed while the content is saved; `update_index` and
`rebuild_references_index` then run once at the end (`indexing`).
"""

from django.db import transaction

from home.demo.entries import load_entries
from home.demo.events import load_events
from home.demo.indexing import indexing_off, update_indexes
from home.demo.members import load_members
from home.demo.news import load_news
from home.demo.translations import load_translations
from home.demo.tree import (
    build_tree,
    default_locale,
    finish_home,
    load_site_settings,
    remove_generated_placeholders,
)
from home.demo.upsert import Tally
from home.demo.users import DEMO_PASSWORD, load_demo_users
from home.demo.vocabularies import load_questions, load_vocabularies

# What other code uses: the command, and the bench command that builds the tree when it is missing.
__all__ = ["DEMO_PASSWORD", "Tally", "build_tree", "default_locale", "load_demo_content", "load_vocabularies"]


@transaction.atomic
def load_demo_content(*, write=print):
    """Build the site tree and load every reference record. Returns the run's Tally.

    The indexes are rebuilt even when nothing changed, so a run also repairs an
    index that lost entries; they come out the same, so a second run still
    changes nothing.
    """
    with indexing_off():
        tally = _load_all(write=write)
    update_indexes()
    return tally


def _load_all(*, write):
    tally = Tally()
    locale = default_locale()
    load_vocabularies(locale=locale, tally=tally)
    # Before the entries, which link to them (home/demo/question_links.py).
    load_questions(locale=locale, tally=tally)
    tree = build_tree(tally=tally)
    finish_home(tree, tally=tally)
    members = load_members(tree, tally=tally)
    entries = load_entries(tree, members, locale=locale, tally=tally)
    load_events(tree, members, locale=locale, tally=tally)
    load_news(tree, members, entries, tally=tally)
    load_site_settings(tree, tally=tally)
    # After the English records they translate.
    load_translations(tree, tally=tally)
    remove_generated_placeholders(tally=tally)
    load_demo_users(tally=tally, write=write)
    return tally
