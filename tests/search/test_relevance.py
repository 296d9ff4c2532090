"""Relevance over the demo content: realistic queries, the entries that must come
in the first five, and recall at 5 of at least 0.9 on SQLite and PostgreSQL."""

import pytest

from directory.models import DirectoryEntryPage
from home.search_query import ranked_ids

# (query, slugs that must be among the first five directory results)
RELEVANCE_SET = [
    ("haiti earthquake", ["flowminder-digicel-haiti-2010", "lu-2012-haiti-displacement-predictability"]),
    ("Haiti cholera", ["flowminder-digicel-haiti-2010"]),
    ("nepal earthquake displacement", ["wilson-2016-nepal-earthquake-displacement"]),
    ("cyclone bangladesh", ["lu-2016-bangladesh-cyclone-mahasen"]),
    ("bangladesh climate migration", ["lu-2016-bangladesh-six-million-users", "mdeep-bangladesh-climate-mobility"]),
    ("sea level rise", ["hauer-2017-sea-level-rise-us-migration", "davis-2018-bangladesh-sea-level-rise-migration"]),
    ("namibia migration statistics", ["lai-2019-namibia-cdr-migration-statistics"]),
    ("google location history", ["ruktanonchai-2018-google-location-history"]),
    ("facebook advertising migrant stocks", ["zagheni-2017-facebook-ads-migrant-stocks"]),
    ("venezuelan exodus", ["palotti-2020-venezuelan-exodus-facebook"]),
    ("venezuela twitter", ["mazzoli-2019-twitter-venezuela-flows"]),
    ("Brazil Venezuela border", ["unhcr-brazil-venezuela-border-forecasting"]),
    ("assimilation germany", ["dubois-2018-facebook-interests-assimilation"]),
    ("ebola sierra leone", ["peak-2018-sierra-leone-ebola-mobility"]),
    ("ebola congo flow monitoring", ["iom-dtm-drc-ebola-flow-monitoring"]),
    ("dengue pakistan", ["wesolowski-2015-pakistan-dengue-mobility"]),
    ("malaria kenya", ["safaricom-harvard-kenya-malaria-mobility"]),
    ("ghana vegetation", ["vandergeest-2010-ghana-migration-vegetation"]),
    ("satellite refugees ethiopia", ["digitalglobe-unhcr-refugee-imagery-ethiopia"]),
    ("shelter mapping", ["pulsesatellite-refugee-settlement-mapping"]),
    ("south sudan floods", ["iom-dtm-south-sudan-floods-2019"]),
    ("hurricane maria puerto rico", ["nethope-facebook-puerto-rico-maria"]),
    ("somalia displacement prediction", ["unhcr-jetson-somalia-displacement-prediction"]),
    ("estonia finland", ["tartu-estonia-finland-mobile-positioning"]),
    ("linkedin professionals", ["state-2014-linkedin-professional-migration"]),
    ("arabic searches turkey refugees", ["pew-2017-search-data-refugees-europe"]),
    ("australia search data", ["ungp-unfpa-2014-search-data-australia"]),
    ("integration of migrants in cities", ["jrc-d4i-data-challenge-integration-cities"]),
    ("yahoo email", ["zagheni-weber-2012-yahoo-email-migration"]),
    ("twitter oecd", ["zagheni-2014-twitter-migration-oecd"]),
    ("heat stress pakistan", ["mueller-2014-pakistan-heat-stress-migration"]),
    (
        "syrian refugees turkey mobile",
        ["d4r-turk-telekom-syrian-refugees", "beine-2021-turkey-refugee-mobility-gravity"],
    ),
    ("human trafficking", ["ctdc-counter-trafficking-data-collaborative"]),
    ("google trends asylum", ["qi-bircan-2023-google-trends-asylum"]),
    ("joint data center forced displacement", ["unhcr-worldbank-joint-data-center"]),
    # Forgiveness: typos, prefixes, accents, plurals, word order.
    ("satelite imagery refugees", ["digitalglobe-unhcr-refugee-imagery-ethiopia"]),
    ("venezuel", ["palotti-2020-venezuelan-exodus-facebook"]),
    ("earthquakes Nepal", ["wilson-2016-nepal-earthquake-displacement"]),
    ("ÉBOLA Sierra Léone", ["peak-2018-sierra-leone-ebola-mobility"]),
    ("flooding maps", ["iom-dtm-south-sudan-floods-2019"]),
]


@pytest.mark.django_db
def test_recall_at_5_over_the_demo_content(demo_content):
    entries = DirectoryEntryPage.objects.live().public()
    slugs = dict(entries.values_list("pk", "slug"))
    assert len(RELEVANCE_SET) >= 30

    found, expected, misses = 0, 0, []
    for query, wanted in RELEVANCE_SET:
        top = [slugs[pk] for pk in ranked_ids(entries, query)[:5]]
        hits = [slug for slug in wanted if slug in top]
        found += len(hits)
        expected += len(wanted)
        if len(hits) < len(wanted):
            misses.append((query, sorted(set(wanted) - set(hits)), top))
    recall = found / expected
    print(f"recall@5 = {recall:.3f}; misses: {misses}")
    assert recall >= 0.9, f"recall@5 = {recall:.2f}; misses: {misses}"
