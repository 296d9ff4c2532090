"""Every page vector as one matrix, and the pages nearest to a vector.

The matrix is read from the database once per process and content version
(a publish moves the version, home.caching), so a search costs one matrix
product: about a millisecond over 10,000 vectors of 384 floats.
"""

import threading

import numpy as np

from home.caching import content_version
from home.semantic import engine

_lock = threading.Lock()
_loaded = {"key": None, "ids": None, "matrix": None, "positions": None}


def _load():
    from home.models import PageEmbedding

    rows = PageEmbedding.objects.filter(model=engine.model_name()).order_by("page_id").values_list("page_id", "vector")
    ids, vectors = [], []
    for page_id, vector in rows.iterator(chunk_size=2000):
        data = bytes(vector)
        if len(data) == engine.DIMENSIONS * 4:
            ids.append(page_id)
            vectors.append(data)
    matrix = np.frombuffer(b"".join(vectors), dtype="<f4").reshape(len(ids), engine.DIMENSIONS)
    ids = np.asarray(ids, dtype=np.int64)
    return ids, matrix, {int(pk): position for position, pk in enumerate(ids)}


def matrix():
    """(ids, matrix, {id: row}) of every stored vector of the current model."""
    version = content_version()
    key = (version, engine.model_name())
    if version is not None and _loaded["key"] == key:
        return _loaded["ids"], _loaded["matrix"], _loaded["positions"]
    with _lock:
        if version is not None and _loaded["key"] == key:
            return _loaded["ids"], _loaded["matrix"], _loaded["positions"]
        ids, vectors, positions = _load()
        if version is not None:
            _loaded.update(key=key, ids=ids, matrix=vectors, positions=positions)
    return ids, vectors, positions


def vector_of(page_id):
    ids, vectors, positions = matrix()
    position = positions.get(int(page_id))
    return None if position is None else vectors[position]


def nearest(vector, candidate_ids, *, limit, min_score=-1.0, exclude=()):
    """[(page id, cosine similarity)] of the `limit` candidates closest to `vector`, best first."""
    ids, vectors, positions = matrix()
    if vector is None or not len(ids):
        return []
    rows = [positions[pk] for pk in candidate_ids if pk in positions and pk not in exclude]
    if not rows:
        return []
    rows = np.asarray(rows, dtype=np.int64)
    # Scoring every vector and picking the candidates' scores is cheaper than
    # copying the candidates' rows out of the matrix first.
    scores = (vectors @ np.asarray(vector, dtype=np.float32))[rows]
    count = min(limit, len(rows))
    best = np.argpartition(-scores, count - 1)[:count]
    best = best[np.argsort(-scores[best], kind="stable")]
    return [(int(ids[rows[i]]), float(scores[i])) for i in best if scores[i] >= min_score]


# The best `limit * SHORTLIST` pages are looked up among the candidates first:
# most of them are candidates, and asking the database about 160 ids is
# cheaper than fetching the 10,000 ids of the whole directory for each query.
SHORTLIST = 4


def nearest_in(vector, queryset, *, limit, min_score=-1.0):
    """Like `nearest`, the candidates a queryset of pages: every vector is scored,
    then the database says which of the best are in `queryset` (widening the
    shortlist until `limit` are found or none is left above `min_score`)."""
    from home.search_query import ids_subquery

    ids, vectors, _positions = matrix()
    if vector is None or not len(ids):
        return []
    scores = vectors @ np.asarray(vector, dtype=np.float32)
    above = np.flatnonzero(scores >= min_score)
    order = above[np.argsort(-scores[above], kind="stable")]
    size = limit * SHORTLIST
    while True:
        shortlist = [(int(ids[i]), float(scores[i])) for i in order[:size]]
        kept = set(
            queryset.order_by().filter(pk__in=ids_subquery([pk for pk, _ in shortlist])).values_list("pk", flat=True)
        )
        found = [(pk, score) for pk, score in shortlist if pk in kept][:limit]
        if len(found) >= limit or size >= len(order):
            return found
        size *= SHORTLIST
