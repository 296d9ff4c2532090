"""One sentence-embedding vector per page (home/semantic)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

import numpy as np


class PageEmbedding(models.Model):
    """The vector of a page's description, stored as 384 little-endian float32.

    A plain binary column works on SQLite and PostgreSQL with no extension;
    numpy over 10,000 of them takes about a millisecond (home/semantic/vectors.py).
    Derived data: remade by `manage.py embed_pages`, so left out of backups.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="embedding"
    )
    vector = models.BinaryField()
    # SHA-256 of the embedded text: a page whose text has not changed is not embedded again.
    text_hash = models.CharField(max_length=64)
    model = models.CharField(max_length=100)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("page embedding")
        verbose_name_plural = _("page embeddings")

    def __str__(self):
        return f"{self.page_id} ({self.model})"

    def as_array(self):
        return np.frombuffer(bytes(self.vector), dtype="<f4")
