"""The default Site's address, taken from WAGTAILADMIN_BASE_URL.

Wagtail builds every absolute page URL (canonical links, og:url, the sitemap,
feeds, the API's html_url, the exports, iCal) from the Site record's hostname
and port, not from the request. The record must therefore name the address
the public uses; the demo loader and `manage.py set_site_address` keep it so.
"""

from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Page, Site

DEFAULT_PORTS = {"http": 80, "https": 443}


class SiteAddressError(ValueError):
    pass


def site_address(base_url=None):
    """(hostname, port) of `base_url` (default WAGTAILADMIN_BASE_URL); the
    scheme gives the port unless the URL names one.

    Wagtail's Site knows no scheme or path: it serves https on port 443 and http
    on any other port, so an address it cannot reproduce is refused.
    """
    url = base_url or settings.WAGTAILADMIN_BASE_URL
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError as error:
        raise SiteAddressError(f"{url!r} has an invalid port") from error
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise SiteAddressError(f"{url!r} is not an http:// or https:// address")
    if parts.path.strip("/") or parts.query or parts.fragment:
        raise SiteAddressError(f"{url!r} has a path: the site must be served at the root of its host")
    port = port or DEFAULT_PORTS[parts.scheme]
    if (parts.scheme == "https") != (port == 443):
        raise SiteAddressError(f"{url!r}: Wagtail serves https on port 443 only, and http on any other port")
    return parts.hostname, port


def update_default_site(*, root_page=None, site_name=None, base_url=None):
    """Create or update the default Site so that its root URL is `base_url`
    (default WAGTAILADMIN_BASE_URL). Returns (site, changed); saves nothing
    when the record already matches.

    `root_page` and `site_name` are set when given; a new Site without a root
    page gets the home page.
    """
    hostname, port = site_address(base_url)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    wanted = {"hostname": hostname, "port": port}
    if root_page is None and site.pk is None:
        root_page = _home_page()
        if root_page is None:
            raise SiteAddressError("there is no page to be the site's root yet")
    if root_page is not None:
        wanted["root_page_id"] = root_page.pk
    if site_name is not None:
        wanted["site_name"] = site_name
    if site.pk is not None and all(getattr(site, name) == value for name, value in wanted.items()):
        return site, False
    other = Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).first()
    if other is not None:
        raise SiteAddressError(f"another site ({other}) already has the address {hostname}:{port}")
    for name, value in wanted.items():
        setattr(site, name, value)
    site.save()
    return site, True


def _home_page():
    """The hub's home page, or else the first page below the tree's root."""
    from home.models import HomePage

    home = HomePage.objects.order_by("path").first()
    if home is not None:
        return home
    tree_root = Page.get_first_root_node()
    return tree_root.get_first_child() if tree_root else None
