"""Sharing and crawler metadata for a page: canonical link, Open Graph, Twitter
card and schema.org JSON-LD. Read-only; one inclusion tag, `{% seo_meta page %}`."""

import json

from django import template
from django.utils.safestring import mark_safe

from wagtail.models import Site

from home.describing import DescribedPage, organisation

register = template.Library()

SOCIAL_IMAGE_SPEC = "fill-1200x630"
# Escapes that keep JSON inert inside a <script> element (as Django's json_script does).
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def describe(page):
    return page.meta_description() if isinstance(page, DescribedPage) else ""


def _image(page):
    return page.share_image() if isinstance(page, DescribedPage) else None


def _absolute(request, url, site=None):
    """`url` on the site's public address (its Site record, as Wagtail's own
    full URLs are), not on whatever Host the request came with."""
    if not url or url.startswith(("http://", "https://")):
        return url
    if site is not None:
        return site.root_url + url
    return request.build_absolute_uri(url) if request is not None else url


def _social_image(request, page, site):
    image = _image(page)
    if image is None and site is not None:
        from home.models import SiteSettings

        # for_request: the row the header and footer read, fetched once per request.
        settings_row = SiteSettings.for_request(request) if request is not None else SiteSettings.for_site(site)
        image = settings_row.default_social_image
    if image is None:
        return None
    try:
        rendition = image.get_rendition(SOCIAL_IMAGE_SPEC)
    except Exception:  # noqa: BLE001 - a missing file must not break every page
        return None
    alt = getattr(image, "default_alt_text", "") or image.title
    return {
        "url": _absolute(request, rendition.url, site),
        "width": rendition.width,
        "height": rendition.height,
        "alt": alt,
    }


def structured_data(page, *, url, description, image, site_name, home_url, request=None):
    """The schema.org object describing `page`, or None for pages with no better type than WebPage."""
    if not isinstance(page, DescribedPage):
        return None
    data = page.structured_data(url=url, publisher=organisation(site_name, home_url), image=image, request=request)
    if data is None:
        return None
    data = {"@context": "https://schema.org", **data, "url": data.get("url", url)}
    if description and "description" not in data:
        data["description"] = description
    # A member's logo is its image already (home/describing.py: share_image).
    if image and "image" not in data and "logo" not in data:
        data["image"] = image["url"]
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def json_ld(data):
    """JSON for a <script type="application/ld+json"> element, safe against </script> in content."""
    return mark_safe(json.dumps(data, ensure_ascii=False, default=str).translate(JSON_SCRIPT_ESCAPES))  # noqa: S308


@register.inclusion_tag("home/includes/seo_meta.html", takes_context=True)
def seo_meta(context, page=None):
    """Canonical link, Open Graph and Twitter meta and JSON-LD for `page`.

    Works on any template: without a page (search, errors) it describes the
    site and gives no canonical link.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    site_name = (site.site_name if site and site.site_name else None) or "BD4M Hub"
    home_url = _absolute(request, "/", site)
    if page is None or not hasattr(page, "get_full_url"):
        return {"site_name": site_name, "title": context.get("page_title") or site_name, "canonical": None}

    page = page.specific if hasattr(page, "specific") else page
    url = page.get_full_url(request) or _absolute(request, page.get_url(request), site)
    description = describe(page)
    image = _social_image(request, page, site)
    data = structured_data(
        page,
        url=url,
        description=description,
        image=image,
        site_name=site_name,
        home_url=home_url,
        request=request,
    )
    og_type = getattr(page, "og_type", "website")
    return {
        "site_name": site_name,
        "title": page.seo_title or page.title,
        "description": description,
        "canonical": url,
        "og_type": og_type,
        "image": image,
        "published_time": page.published_time() if isinstance(page, DescribedPage) else None,
        "json_ld": json_ld(data) if data else None,
    }
