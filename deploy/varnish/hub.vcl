# Varnish in front of the BD4M Hub (Varnish 6 or 7, Debian's `varnish`).
#
#   varnishd -a :6081 -f /path/to/deploy/varnish/hub.vcl -s malloc,256m
#
# site.vcl, beside this file, names the backend and who may purge.
#
# The site decides what may be shared: anonymous pages carry
# `Cache-Control: public, max-age=..., s-maxage=...` (home/caching/pages.py);
# everything drawn for one visitor is private. Every content change sends one
# BAN per hostname (home/caching/frontend.py), which empties the whole site:
# listings, menus, feeds and the sitemap show what changed as well.
vcl 4.1;

import std;

# The backend and the acl `purgers`.
include "./site.vcl";

sub vcl_recv {
    # Links from newsletters and social networks carry tracking parameters no
    # view reads; without them, they share the bare URL's cached page (the
    # same list as home/caching/pages.py).
    if (req.url ~ "(?i)[?&](utm_[^=&]*|mc_[^=&]*|fbclid|gclid|msclkid|dclid|igshid|_ga)=") {
        set req.url = regsuball(req.url, "(?i)([?&])(utm_[^=&]*|mc_[^=&]*|fbclid|gclid|msclkid|dclid|igshid|_ga)=[^&]*", "\1");
        set req.url = regsuball(req.url, "&&+", "&");
        set req.url = regsub(req.url, "\?&", "?");
        set req.url = regsub(req.url, "[?&]$", "");
    }

    if (req.method == "BAN" || req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.method == "BAN") {
            # Every object of this host, whatever its URL (see x-host below).
            ban("obj.http.x-host == " + std.tolower(regsub(req.http.host, ":[0-9]+$", "")));
            return (synth(200, "Banned"));
        }
        return (purge);
    }

    # Staff, previews, the admin: never from the cache, never into it.
    if (req.url ~ "^/admin(/|$)") {
        return (pass);
    }
    # Every search must reach the site, which counts it (Wagtail's search
    # promotions; home/caching/pages.py counts hits of its own cached copies).
    if (req.url ~ "^/([a-z]{2}/)?search(/|\?|$)") {
        return (pass);
    }
    # Private documents are checked against the visitor's permissions; the
    # health check must reach the app server it asks about.
    if (req.url ~ "^/(documents/|api/|healthz)") {
        return (pass);
    }
    # A session (a signed-in visitor, a preview), a form token or a message
    # waiting for this visitor: the page is theirs alone. (Django's default
    # names; keep them in step with SESSION_COOKIE_NAME and CSRF_COOKIE_NAME.)
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken|messages)=") {
        return (pass);
    }
    # Any other cookie (analytics) is the browser's business, not the site's.
    unset req.http.Cookie;
    # Unprefixed URLs are English whatever the browser asks, and /fr/, /es/
    # say their language (hub/urls.py, prefix_default_language=False), yet
    # Django answers `Vary: Accept-Language`: without this, one copy per
    # browser's language list would be kept.
    unset req.http.Accept-Language;
    # Varnish's built-in vcl_recv follows: GET and HEAD are looked up, other
    # methods passed.
}

sub vcl_hash {
    # A page fetched over HTTPS is not served for plain HTTP, whose request
    # the site answers with a redirect to HTTPS (SECURE_SSL_REDIRECT). The
    # built-in vcl_hash adds the URL and the host.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_response {
    # Kept on the object so a BAN can name the host without a request
    # (Varnish's ban lurker tests bans against stored objects only).
    set beresp.http.x-host = std.tolower(regsub(bereq.http.host, ":[0-9]+$", ""));
    set beresp.http.x-url = bereq.url;

    # Only what the site marked for shared caches is stored; the TTL is then
    # its s-maxage (Varnish prefers it to max-age). Anything else, or anything
    # setting a cookie, is fetched afresh for every request.
    if (beresp.http.Cache-Control !~ "(?i)(public|s-maxage)"
        || beresp.http.Cache-Control ~ "(?i)(private|no-cache|no-store)"
        || beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_deliver {
    unset resp.http.x-host;
    unset resp.http.x-url;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
