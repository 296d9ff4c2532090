"""The BD4M Hub project package (settings, URLs, WSGI).

Numerical libraries' threads, set before anything loads them: a worker's share of
numpy is one small matrix product per search (OpenBLAS's extra threads only
spin), and the embedding engine's OpenMP threads otherwise busy-wait after each
query. On two cores both took the other worker's core: a new directory search
used twice its CPU time (docs/performance.md, "Search by meaning"). Set in the
environment to override.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
