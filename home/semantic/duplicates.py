"""Possible duplicates: the live pages closest in meaning to a draft, for moderators.

A public submission often describes work the site already lists (the same
project sent twice, or by a second partner). The draft's latest revision is
embedded as a passage, like the live pages' vectors (home/semantic/indexing.py),
and compared with the live, public pages of the same type.

Calibrated on the demo directory (44 entries): a resubmission of an entry's
title and summary scores 0.970 to 0.99 against it, while two different entries
score at most 0.916 (median of the nearest other entry: 0.878); a title alone
scores 0.885 to 0.905 and is not flagged.
"""

import hashlib

from django.core.cache import cache

import numpy as np

from home.semantic import engine, vectors

DUPLICATE_SIMILARITY = 0.94
DUPLICATE_LIMIT = 3
VECTOR_CACHE_TIMEOUT = 30 * 24 * 3600


def draft_text(page):
    """What the draft says now: its latest revision's embedding text (home.describing)."""
    from home.semantic.indexing import page_text

    page = page.specific
    revision = page.get_latest_revision()
    draft = revision.as_object() if revision is not None else page
    return page_text(draft)


def passage_vector(text):
    """The vector of `text` as a passage, cached by its text and model: a moderator's
    inbox asks again for the same drafts, and the model takes a tenth of a second."""
    if not text or not engine.enabled():
        return None
    digest = hashlib.sha256(f"{engine.model_name()}\0{text}".encode()).hexdigest()[:32]
    key = f"hub:passage-vector:{digest}"
    stored = cache.get(key)
    if isinstance(stored, bytes) and len(stored) == engine.DIMENSIONS * 4:
        return np.frombuffer(stored, dtype=np.float32)
    matrix = engine.embed_passages([text])
    if matrix is None:
        return None
    vector = np.asarray(matrix[0], dtype=np.float32)
    cache.set(key, vector.tobytes(), VECTOR_CACHE_TIMEOUT)
    return vector


def possible_duplicates(page, *, threshold=DUPLICATE_SIMILARITY, limit=DUPLICATE_LIMIT):
    """[(live page, cosine similarity)] of the live, public pages of `page`'s type
    closest to its draft, best first, those at `threshold` or above only.
    Empty without the model; the page itself is never among them."""
    page = page.specific
    model = type(page)
    vector = passage_vector(draft_text(page))
    if vector is None:
        return []
    candidates = model.objects.live().public().exclude(pk=page.pk).order_by().values_list("pk", flat=True)
    near = vectors.nearest(vector, candidates, limit=limit, min_score=threshold, exclude={page.pk})
    if not near:
        return []
    pages = model.objects.in_bulk([pk for pk, _score in near])
    return [(pages[pk], score) for pk, score in near if pk in pages]


def user_can_see_duplicates(user, page):
    """Moderators, data stewards and administrators: whoever may act on the page's
    moderation (its current task) or read the submissions inbox. Never the public."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser or user.has_perm("home.view_submission"):
        return True
    state = page.current_workflow_task_state
    if state is None:
        return False
    return bool(state.task.specific.get_actions(page, user))
