"""The DCAT-AP catalogue of the directory, read by rdflib, and the schema.org Dataset."""

import json
import re

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS

from tests.directory.conftest import SECRETS

pytestmark = pytest.mark.django_db
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")


def parsed(client, path, rdf_format):
    response = client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    for secret in SECRETS:
        assert secret not in body
    return Graph().parse(data=body, format=rdf_format)


@pytest.mark.parametrize(
    ("path", "rdf_format"), [("/directory/catalog.ttl", "turtle"), ("/directory/catalog.jsonld", "json-ld")]
)
def test_catalogue_describes_the_dataset_its_distributions_and_licence(client, open_data, path, rdf_format):
    graph = parsed(client, path, rdf_format)
    (dataset,) = graph.subjects(RDF.type, DCAT.Dataset)
    assert (None, DCAT.dataset, dataset) in graph
    assert graph.value(dataset, DCTERMS.license) == CC_BY
    publisher = graph.value(dataset, DCTERMS.publisher)
    assert str(graph.value(publisher, FOAF.name)) == "Big Data for Migration Alliance"
    downloads = {str(graph.value(d, DCAT.accessURL)) for d in graph.objects(dataset, DCAT.distribution)}
    assert {url.split("/directory/")[-1] for url in downloads if "/directory/" in url} == {
        "export.csv",
        "export.json",
        "datapackage.json",
    }
    assert any("/api/v2/pages/" in url for url in downloads)
    assert (None, RDF.type, DCAT.DataService) in graph
    # Coverage from the public entries only: Haiti (2010-2011) and Bangladesh.
    spatial = {str(place).rsplit("/", 1)[-1] for place in graph.objects(dataset, DCTERMS.spatial)}
    assert spatial == {"HTI", "BGD"}
    period = graph.value(dataset, DCTERMS.temporal)
    assert str(graph.value(period, DCAT.startDate)) == "2010-01-01"
    themes = {str(graph.value(theme, SKOS.prefLabel)) for theme in graph.objects(dataset, DCAT.theme)}
    assert themes == {"Displacement"}
    assert graph.value(dataset, DCTERMS.modified) is not None


def test_directory_page_json_ld_is_a_dataset_with_licence_distribution_and_identifier(client, open_data):
    from directory.releases import make_release

    make_release(index=open_data["directory_index"])
    page = client.get("/directory/").content.decode()
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = json.loads(script)
    assert data["@type"] == "Dataset"
    assert data["license"] == str(CC_BY)
    assert data["identifier"].endswith("/directory/")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["version"])
    assert data["dateModified"]
    assert {item["contentUrl"].rsplit("/", 1)[-1] for item in data["distribution"]} == {
        "export.csv",
        "export.json",
        "datapackage.json",
    }
    assert '<a href="/directory/catalog.ttl">Turtle</a>' in page
