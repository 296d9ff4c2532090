"""The directory's open-data views: its data package, DCAT catalogue, dated
releases, citations and Atom feed (docs/open-data.md).

Everything here changes only when content does, so the page cache keys it on
the content version like any page (a release or a new licence moves it on);
a release's files never change at all and say so (`immutable`). Citation
downloads carry the day they were fetched, so no shared cache keeps them.
"""

import datetime
import json

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control

from directory import citations
from directory.catalogue import catalogue_graph, data_package, dataset_facts
from directory.exports import directory_for
from home.licences import data_licence

IMMUTABLE = 60 * 60 * 24 * 365


def _licensed(response, licence):
    response["Link"] = f'<{licence.url}>; rel="license"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def datapackage_view(request):
    index = directory_for(request)
    directory_url = request.build_absolute_uri(index.get_url(request))
    descriptor = data_package(index, directory_url=directory_url, version=dataset_facts(index)["version"])
    body = json.dumps(descriptor, ensure_ascii=False, indent=1)
    return _licensed(HttpResponse(body, content_type="application/json"), data_licence(index.get_site()))


def _catalogue(request, rdf_format, content_type):
    index = directory_for(request)
    graph = catalogue_graph(index, request)
    body = graph.serialize(format=rdf_format, **({"auto_compact": True} if rdf_format == "json-ld" else {}))
    return _licensed(HttpResponse(body, content_type=content_type), data_licence(index.get_site()))


def catalog_ttl_view(request):
    return _catalogue(request, "turtle", "text/turtle; charset=utf-8")


def catalog_jsonld_view(request):
    return _catalogue(request, "json-ld", "application/ld+json")


def release_file_view(request, version, name):
    """One file of a release, byte for byte as it was written, cacheable forever."""
    from directory.models import DirectoryRelease
    from directory.models.releases import RELEASE_MEDIA_TYPES
    from directory.releases import open_release_file

    if name not in RELEASE_MEDIA_TYPES:
        raise Http404("No such file in a release")
    release = DirectoryRelease.objects.filter(version=version).first()
    if release is None:
        raise Http404("No such release")
    try:
        with open_release_file(release, name) as stored:
            content = stored.read()
    except FileNotFoundError as error:
        raise Http404("File missing from the release") from error
    response = HttpResponse(content, content_type=RELEASE_MEDIA_TYPES[name])
    response["Access-Control-Allow-Origin"] = "*"
    if release.checksums.get(name):
        response["Digest"] = f"sha-256={release.checksums[name]}"
    patch_cache_control(response, public=True, max_age=IMMUTABLE, immutable=True)
    return response


def _citation_response(citation, ext, filename):
    render, content_type = citations.FORMATS[ext]
    response = HttpResponse(render(citation), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{ext}"'
    # The access date is today's: a copy kept until tomorrow would be wrong.
    patch_cache_control(response, no_cache=True)
    return response


def directory_cite_view(request, ext):
    if ext not in citations.FORMATS:
        raise Http404("Unknown citation format")
    index = directory_for(request)
    citation = citations.directory_citation(index, request, accessed=datetime.date.today())
    return _citation_response(citation, ext, "bd4m-directory")


def entry_cite_view(request, slug, ext):
    from directory.models import DirectoryEntryPage

    if ext not in citations.FORMATS:
        raise Http404("Unknown citation format")
    index = directory_for(request)
    entry = index.get_entries().filter(slug=slug).first()
    if entry is None:
        raise Http404("No such entry")
    entry = DirectoryEntryPage.objects.prefetch_related("organisation_links").get(pk=entry.pk)
    citation = citations.entry_citation(entry, request, accessed=datetime.date.today())
    return _citation_response(citation, ext, f"bd4m-{slug}")


def cite_links(base):
    """[(label, url)] of the citation downloads under `base` ("/directory/" or an entry's URL)."""
    return [(label, f"{base}cite.{ext}") for label, ext in (("BibTeX", "bib"), ("RIS", "ris"), ("CSL-JSON", "json"))]


# Routes of the directory page (directory/models/directory_index.py).


def releases_page(request, *, index):
    from directory.models import DirectoryRelease

    releases = list(DirectoryRelease.objects.order_by("-date"))
    for release in releases:
        release.page_url = index.url + index.reverse_subpage("release", args=[release.version])
    context = {"page": index, "self": index, "releases": releases, "licence": data_licence(index.get_site())}
    return TemplateResponse(request, "directory/releases.html", context)


def release_page(request, *, index, version):
    from directory.models import DirectoryRelease

    release = DirectoryRelease.objects.filter(version=version).first()
    if release is None:
        raise Http404("No such release")
    files = [
        (name, digest, reverse("directory_release_file", args=[release.version, name]))
        for name, digest in release.files
    ]
    context = {
        "page": index,
        "self": index,
        "release": release,
        "files": files,
        "licence": data_licence(index.get_site()),
        "releases_url": index.url + index.reverse_subpage("releases"),
    }
    return TemplateResponse(request, "directory/release.html", context)


def latest_release_redirect(request, *, index):
    from directory.models import DirectoryRelease

    release = DirectoryRelease.objects.order_by("-date").first()
    if release is None:
        raise Http404("No release yet")
    return redirect(index.url + index.reverse_subpage("release", args=[release.version]))


def atom_feed(request, *, index):
    from directory.feeds import DirectoryAtomFeed

    return DirectoryAtomFeed(index)(request)
