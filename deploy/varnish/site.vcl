# What differs from one deployment to the next, included by hub.vcl: where the
# site's app servers are, and who may empty the cache. Edit this file, not
# hub.vcl (tests/test_varnish.py writes its own copy of it).

backend default {
    # gunicorn (or the load balancer in front of the app servers).
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 5s;
    .first_byte_timeout = 60s;
}

# Addresses allowed to send BAN and PURGE: the app servers and the workers
# (they purge on every content change, home.caching.frontend).
acl purgers {
    "127.0.0.1";
    "::1";
}
