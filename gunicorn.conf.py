"""gunicorn's configuration for the hub: `gunicorn -c gunicorn.conf.py hub.wsgi`.

Everything an operator tunes comes from the environment; nothing is written
into the checkout (no pid file, the control socket off unless asked for), so
it can run from a read-only copy.
"""

import multiprocessing
import os

wsgi_app = "hub.wsgi:application"

# PORT is what most platforms hand a web process.
bind = os.environ.get("GUNICORN_BIND") or f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * multiprocessing.cpu_count() + 1, 8))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request slower than this is stuck: the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Longer than the load balancer's idle timeout, so it never reuses a connection gunicorn closed.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
# Workers are not recycled unless asked for (GUNICORN_MAX_REQUESTS, against
# slow memory growth): a worker serves a cached page in a few milliseconds, so
# the usual 2,000 requests meant a restart every few seconds under load, each
# a second or two of booting with the requests queued behind it (p95 of the
# minimal view 2.1 s in bench/load_test.py) and, with the local-memory cache,
# an empty cache.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "0"))
# Off by default: each worker opens its own database and cache connections after the fork.
preload_app = os.environ.get("GUNICORN_PRELOAD", "0") == "1"

# Only the proxy in front may say which scheme and client a request came with.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# The heartbeat file in memory, not on a disk that may be read-only or slow.
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR") or ("/dev/shm" if os.path.isdir("/dev/shm") else None)
# gunicornc's socket, only where the operator names one.
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]

# Logs to standard output and error, for the process manager to collect.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Method, path (%(U)s: without the query string, which can carry search terms
# or e-mail addresses), status, bytes and milliseconds. No client address,
# referrer (a full URL, query and all) or user agent: the proxy's log has them
# for as long as its retention rules say.
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
