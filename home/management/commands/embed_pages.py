"""Sentence embeddings for every live page (home/semantic), as `update_index` does for full text."""

from django.core.management.base import BaseCommand

from wagtail.models import Page

from home.caching import bump_content_version
from home.semantic import engine
from home.semantic.indexing import embed_pages

# Pages read at a time, so memory stays flat at any number of pages.
CHUNK = 500


class Command(BaseCommand):
    help = "Computes the sentence embedding of every live page whose text changed (or of all with --force)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="embed every page again")
        parser.add_argument("--batch-size", type=int, default=32)

    def handle(self, *args, force=False, batch_size=32, **options):
        if not engine.available():
            self.stdout.write("No embedding model is available: search uses full text only.")
            return
        embedded = unchanged = 0
        ids = list(Page.objects.live().order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), CHUNK):
            chunk = Page.objects.filter(pk__in=ids[start : start + CHUNK]).specific()
            done = embed_pages(chunk, force=force, batch_size=batch_size)
            if done is None:
                self.stderr.write("The embedding model failed: see the log. Search uses full text only.")
                break
            embedded += done[0]
            unchanged += done[1]
        if embedded:
            bump_content_version()
        self.stdout.write(f"Embedded {embedded} pages ({unchanged} unchanged) with {engine.model_name()}.")
