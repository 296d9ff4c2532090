"""Sharing and crawler metadata for a page: canonical link, Open Graph, Twitter
card and schema.org JSON-LD. Read-only; one inclusion tag, `{% seo_meta page %}`."""

import json

from django import template
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from wagtail.models import Site

from home.feeds import news_date_iso, news_modified_iso, news_published

register = template.Library()

DESCRIPTION_FIELDS = ("search_description", "summary", "intro", "hero_text", "description")
DESCRIPTION_WORDS = 50
SOCIAL_IMAGE_SPEC = "fill-1200x630"
# Escapes that keep JSON inert inside a <script> element (as Django's json_script does).
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def describe(page):
    for name in DESCRIPTION_FIELDS:
        value = getattr(page, name, "")
        if value:
            return Truncator(" ".join(strip_tags(str(value)).split())).words(DESCRIPTION_WORDS)
    return ""


def _image(page):
    for name in ("image", "logo", "hero_image"):
        image = getattr(page, name, None)
        if image is not None:
            return image
    return None


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


def _names(related):
    return [str(item) for item in related.all()]


def _organisation(site_name, url):
    return {"@type": "Organization", "name": site_name, "url": url}


def structured_data(page, *, url, description, image, site_name, home_url, request=None):
    """The schema.org object describing `page`, or None for pages with no better type than WebPage."""
    label = page._meta.label
    data = None
    image_url = image["url"] if image else None
    if label == "events.EventPage":
        location = []
        if page.venue or page.city or page.country:
            address = {"@type": "PostalAddress"}
            if page.city:
                address["addressLocality"] = page.city
            if page.country:
                address["addressCountry"] = page.country.code
            name = page.venue or page.city or page.country.name
            location.append({"@type": "Place", "name": name, "address": address})
        if page.is_online:
            location.append({"@type": "VirtualLocation", "url": page.online_url or url})
        if page.is_online and len(location) > 1:
            mode = "https://schema.org/MixedEventAttendanceMode"
        elif page.is_online:
            mode = "https://schema.org/OnlineEventAttendanceMode"
        else:
            mode = "https://schema.org/OfflineEventAttendanceMode"
        data = {
            "@type": "Event",
            "name": page.title,
            # As precisely as known, on the event's clock: "2026-06-12T09:00:00+02:00", "2019-06", "2019".
            "startDate": page.start_iso,
            "endDate": page.end_iso,
            "eventAttendanceMode": mode,
            "eventStatus": "https://schema.org/EventScheduled",
            "organizer": [_organisation(m.title, m.full_url) for m in page.organisers.live().public()]
            or _organisation(site_name, home_url),
        }
        if location:
            data["location"] = location[0] if len(location) == 1 else location
        if page.registration_url:
            data["offers"] = {"@type": "Offer", "url": page.registration_url, "price": "0", "priceCurrency": "EUR"}
    elif label == "home.NewsPage":
        data = {
            "@type": "NewsArticle",
            "headline": page.title[:110],
            # The news item's own date, not when its page was loaded (home/feeds.py).
            "datePublished": news_date_iso(page),
            "dateModified": news_modified_iso(page),
            "publisher": _organisation(site_name, home_url),
            "author": _organisation(site_name, home_url),
            "mainEntityOfPage": url,
        }
    elif label == "directory.MemberPage":
        kind = "Person" if page.kind == "individual" else "Organization"
        data = {"@type": kind, "name": page.title}
        if page.website:
            data["sameAs"] = [page.website]
        if page.acronym and kind == "Organization":
            data["alternateName"] = page.acronym
        if page.country and kind == "Organization":
            data["address"] = {"@type": "PostalAddress", "addressCountry": page.country.code}
        data["memberOf"] = _organisation(site_name, home_url)
    elif label == "directory.DirectoryEntryPage":
        sources, topics = _names(page.data_sources), _names(page.topics)
        data = {
            "@type": "CreativeWork",
            "name": page.title,
            "about": sources + topics,
            "keywords": ", ".join(sources + _names(page.methods) + topics),
            "spatialCoverage": [
                {"@type": "Country", "name": link.country.name, "identifier": link.country.code}
                for link in page.country_links.all()
            ],
            "creator": [{"@type": "Organization", "name": link.name} for link in page.organisation_links.all()],
            "publisher": _organisation(site_name, home_url),
            "isPartOf": {"@type": "Dataset", "name": "BD4M Data Innovation Directory"},
        }
        if page.year_started:
            end = page.year_ended or ".."
            data["temporalCoverage"] = f"{page.year_started}/{end}"
        if page.last_published_at:
            data["dateModified"] = page.last_published_at.isoformat()
    elif label == "directory.DirectoryIndexPage":
        base = url.rstrip("/") + "/"
        data = {
            "@type": "Dataset",
            "name": "BD4M Data Innovation Directory",
            "creator": _organisation(site_name, home_url),
            "isAccessibleForFree": True,
            "distribution": [
                {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": base + "export.csv"},
                {"@type": "DataDownload", "encodingFormat": "application/json", "contentUrl": base + "export.json"},
            ],
        }
    elif label == "home.HomePage":
        data = {
            "@type": "Organization",
            "name": "Big Data for Migration Alliance",
            "alternateName": "BD4M",
            "url": url,
        }
    if data is None:
        return None
    data = {"@context": "https://schema.org", **data, "url": data.get("url", url)}
    if description and "description" not in data:
        data["description"] = description
    if image_url and "image" not in data:
        data["logo" if data["@type"] == "Organization" and label == "directory.MemberPage" else "image"] = image_url
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
    is_article = page._meta.label == "home.NewsPage"
    return {
        "site_name": site_name,
        "title": page.seo_title or page.title,
        "description": description,
        "canonical": url,
        "og_type": "article" if is_article else "website",
        "image": image,
        "published_time": news_published(page) if is_article else None,
        "json_ld": json_ld(data) if data else None,
    }
