"""The directory described for machines: the Frictionless Data Package of its
exports and its DCAT-AP catalogue record (Turtle and JSON-LD, through rdflib).

Both are built from the same facts (`dataset_facts`), computed from the live,
public entries and cached until content changes; creating a release or
choosing another licence changes the content version too.
"""

from django.db.models import Count, Max, Min, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from directory.export_schema import table_schema
from home.caching import cached
from home.licences import data_licence

PUBLISHER = "Big Data for Migration Alliance"
DATASET_TITLE = "BD4M Data Innovation Directory"
DATASET_NAME = "bd4m-data-innovation-directory"
DEFAULT_DESCRIPTION = "Structured documentation of applications of new data sources and methods to migration questions."


def latest_release():
    """(version, date) of the newest release, or None; cached until content changes."""

    def compute():
        from directory.models import DirectoryRelease

        return DirectoryRelease.objects.order_by("-date").values_list("version", "date").first()

    return cached(("directory-latest-release",), compute)


def dataset_summary(index):
    """{modified, version}: what the directory page's JSON-LD says of its data, in one query."""

    def compute():
        from directory.models import DirectoryEntryPage, DirectoryRelease
        from home.describing import in_private_section

        # One query on a page that adds it to its own: get_entries()'s public() would
        # cost one more, and the latest release is read as a subquery.
        entries = DirectoryEntryPage.objects.live().descendant_of(index).exclude(in_private_section())
        latest = DirectoryRelease.objects.order_by("-date").values("version")[:1]
        row = entries.annotate(release=Subquery(latest)).aggregate(
            modified=Max("last_published_at"), version=Max("release"), entries=Count("pk")
        )
        if not row.pop("entries"):
            # No entry to carry the subquery: read the release directly.
            release = latest_release()
            row["version"] = release[0] if release else None
        return row

    return cached(("directory-dataset-summary", index.pk), compute)


def dataset_facts(index):
    """What the data package, the catalogue and the JSON-LD say about the data:
    {modified, years: (first, last), countries, topics: [(slug, name)], data_sources, version, count}."""

    def compute():
        from directory.models import DataSource, EntryCountry
        from home.models import Topic

        entries = index.get_entries()
        ids = entries.values("pk")
        span = entries.aggregate(
            modified=Max("last_published_at"),
            first=Min("year_started"),
            last=Max(Coalesce("year_ended", "year_started")),
        )
        release = latest_release()
        data_sources = DataSource.objects.live().filter(entries__in=ids)
        return {
            "modified": span["modified"],
            "years": (span["first"], span["last"]),
            "countries": sorted(set(EntryCountry.objects.filter(page__in=ids).values_list("country", flat=True))),
            "topics": list(
                Topic.objects.live().filter(directory_entries__in=ids).distinct().values_list("slug", "name")
            ),
            "data_sources": list(data_sources.distinct().order_by("name").values_list("name", flat=True)),
            "version": release[0] if release else None,
        }

    return cached(("directory-dataset-facts", index.pk), compute)


def data_package(index, *, directory_url, version, created=None):
    """The Data Package descriptor of the exports. Resource paths are relative
    ("export.csv"), so the descriptor works both where it is served
    (/directory/datapackage.json, beside the exports) and inside a release."""
    licence = data_licence(index.get_site())
    facts = dataset_facts(index)
    descriptor = {
        "profile": "data-package",
        "name": DATASET_NAME,
        "id": directory_url,
        "title": DATASET_TITLE,
        "description": index.intro or DEFAULT_DESCRIPTION,
        "homepage": directory_url,
        "licenses": [{"name": licence.id, "path": licence.url, "title": licence.name}],
        "sources": [{"title": "Published sources cited by each entry (column sources)", "path": directory_url}],
        "contributors": [{"title": PUBLISHER, "role": "publisher"}],
        "keywords": facts["data_sources"],
    }
    if version:
        descriptor["version"] = version
    if created:
        descriptor["created"] = created.isoformat()
    common = {"encoding": "utf-8", "profile": "tabular-data-resource", "licenses": descriptor["licenses"]}
    descriptor["resources"] = [
        {
            "name": "entries-csv",
            "title": "Directory entries (CSV)",
            "path": "export.csv",
            "format": "csv",
            "mediatype": "text/csv",
            **common,
            "schema": table_schema("csv"),
        },
        {
            "name": "entries-json",
            "title": "Directory entries (JSON)",
            "path": "export.json",
            "format": "json",
            "mediatype": "application/json",
            **common,
            # The rows are the objects of the document's "entries" array.
            "dialect": {"json": {"keyed": True, "property": "entries"}},
            "schema": table_schema("json"),
        },
    ]
    return descriptor


def absolute(request, path):
    return request.build_absolute_uri(path)


def catalogue_graph(index, request):
    """The DCAT-AP record of the directory as an rdflib Graph."""
    from django_countries import countries
    from rdflib import BNode, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, SKOS, XSD

    adms = Namespace("http://www.w3.org/ns/adms#")
    vcard = Namespace("http://www.w3.org/2006/vcard/ns#")
    eu_country = "http://publications.europa.eu/resource/authority/country/"
    eu_file_type = "http://publications.europa.eu/resource/authority/file-type/"
    iana = "https://www.iana.org/assignments/media-types/"

    facts = dataset_facts(index)
    licence = data_licence(index.get_site())
    directory_url = absolute(request, index.get_url(request))
    graph = Graph()
    for prefix, namespace in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("skos", SKOS), ("adms", adms)):
        graph.bind(prefix, namespace)

    catalog = URIRef(absolute(request, reverse("directory_catalog_ttl")))
    dataset = URIRef(directory_url)
    publisher = URIRef(absolute(request, "/") + "#publisher")
    licence_ref = URIRef(licence.url)
    themes = URIRef(directory_url + "#topics")

    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCTERMS.title, Literal(f"{DATASET_TITLE}: catalogue", lang="en")))
    graph.add((catalog, DCTERMS.description, Literal("The open data of the BD4M Hub.", lang="en")))
    graph.add((catalog, DCTERMS.publisher, publisher))
    graph.add((catalog, FOAF.homepage, URIRef(absolute(request, "/"))))
    graph.add((catalog, DCAT.dataset, dataset))
    graph.add((catalog, DCAT.themeTaxonomy, themes))
    graph.add((catalog, DCTERMS.license, licence_ref))

    graph.add((publisher, RDF.type, FOAF.Organization))
    graph.add((publisher, FOAF.name, Literal(PUBLISHER, lang="en")))
    graph.add((licence_ref, RDF.type, DCTERMS.LicenseDocument))
    graph.add((licence_ref, DCTERMS.identifier, Literal(licence.id)))
    graph.add((licence_ref, DCTERMS.title, Literal(licence.name, lang="en")))

    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, DCTERMS.title, Literal(DATASET_TITLE, lang="en")))
    graph.add((dataset, DCTERMS.description, Literal(index.intro or DEFAULT_DESCRIPTION, lang="en")))
    graph.add((dataset, DCTERMS.identifier, Literal(directory_url)))
    graph.add((dataset, DCTERMS.publisher, publisher))
    graph.add((dataset, DCTERMS.license, licence_ref))
    graph.add((dataset, DCAT.landingPage, dataset))
    contact = BNode()
    graph.add((dataset, DCAT.contactPoint, contact))
    graph.add((contact, RDF.type, vcard.Organization))
    graph.add((contact, vcard.fn, Literal(PUBLISHER)))
    graph.add((contact, vcard.hasURL, URIRef(absolute(request, "/"))))
    if facts["modified"]:
        graph.add((dataset, DCTERMS.modified, Literal(facts["modified"].isoformat(), datatype=XSD.dateTime)))
    if facts["version"]:
        graph.add((dataset, OWL.versionInfo, Literal(facts["version"])))
        graph.add((dataset, DCAT.version, Literal(facts["version"])))
        release_url = directory_url + index.reverse_subpage("release", args=[facts["version"]])
        graph.add((dataset, DCTERMS.hasVersion, URIRef(release_url)))
    first, last = facts["years"]
    if first:
        period = BNode()
        graph.add((dataset, DCTERMS.temporal, period))
        graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
        graph.add((period, DCAT.startDate, Literal(f"{first}-01-01", datatype=XSD.date)))
        graph.add((period, DCAT.endDate, Literal(f"{last or first}-12-31", datatype=XSD.date)))
    for code in facts["countries"]:
        alpha3 = countries.alpha3(code)
        if alpha3:
            graph.add((dataset, DCTERMS.spatial, URIRef(eu_country + alpha3)))
    graph.add((themes, RDF.type, SKOS.ConceptScheme))
    graph.add((themes, DCTERMS.title, Literal("Migration topics of the directory", lang="en")))
    for slug, name in facts["topics"]:
        concept = URIRef(f"{directory_url}?topic={slug}")
        graph.add((dataset, DCAT.theme, concept))
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.prefLabel, Literal(name, lang="en")))
        graph.add((concept, SKOS.inScheme, themes))
    for name in facts["data_sources"]:
        graph.add((dataset, DCAT.keyword, Literal(name, lang="en")))

    downloads = (
        ("directory_export_csv", "CSV export of the entries", "CSV", "text/csv"),
        ("directory_export_json", "JSON export of the entries", "JSON", "application/json"),
        (
            "directory_datapackage",
            "Frictionless Data Package (Table Schema of both exports)",
            "JSON",
            "application/json",
        ),
    )
    for url_name, title, file_type, media_type in downloads:
        url = URIRef(absolute(request, reverse(url_name)))
        distribution = URIRef(str(url) + "#distribution")
        graph.add((dataset, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add((distribution, DCTERMS.title, Literal(title, lang="en")))
        graph.add((distribution, DCAT.accessURL, url))
        graph.add((distribution, DCAT.downloadURL, url))
        graph.add((distribution, DCAT.mediaType, URIRef(iana + media_type)))
        graph.add((distribution, DCTERMS.format, URIRef(eu_file_type + file_type)))
        graph.add((distribution, DCTERMS.license, licence_ref))
        if facts["modified"]:
            graph.add((distribution, DCTERMS.modified, Literal(facts["modified"].isoformat(), datatype=XSD.dateTime)))
        if url_name == "directory_datapackage":
            graph.add((distribution, DCTERMS.conformsTo, URIRef("https://specs.frictionlessdata.io/data-package/")))

    api = URIRef(absolute(request, "/api/v2/pages/?type=directory.DirectoryEntryPage&fields=*"))
    service = URIRef(absolute(request, "/api/v2/pages/"))
    api_distribution = URIRef(str(service) + "#distribution")
    graph.add((dataset, DCAT.distribution, api_distribution))
    graph.add((api_distribution, RDF.type, DCAT.Distribution))
    graph.add((api_distribution, DCTERMS.title, Literal("Wagtail API v2 (JSON)", lang="en")))
    graph.add((api_distribution, DCAT.accessURL, api))
    graph.add((api_distribution, DCAT.accessService, service))
    graph.add((api_distribution, DCAT.mediaType, URIRef(iana + "application/json")))
    graph.add((api_distribution, DCTERMS.license, licence_ref))
    graph.add((service, RDF.type, DCAT.DataService))
    graph.add((service, DCTERMS.title, Literal("BD4M Hub API", lang="en")))
    graph.add((service, DCAT.endpointURL, service))
    graph.add((service, DCAT.servesDataset, dataset))
    graph.add((service, DCTERMS.license, licence_ref))
    graph.add((catalog, DCAT.service, service))
    return graph
