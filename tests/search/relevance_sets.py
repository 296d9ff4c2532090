"""The relevance query sets over the demo content and their measures, shared by
tests/search/test_relevance.py and bench/relevance.py.

Each query names the demo entries (slugs of home/reference_data) that must be in
the first five directory results. PARAPHRASES are written in other words than
their entries (test_relevance.py checks that none of their content words is in the
entry's title or summary); the other languages' queries ask for English entries.
"""

import math

# (query, slugs that must be among the first five directory results)
KEYWORDS = [
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

# The query's content words are absent from the entries it names.
PARAPHRASES = [
    ("cellular subscriber traces after a tremor in the Caribbean", ["flowminder-digicel-haiti-2010"]),
    (
        "people fleeing a Himalayan quake counted through handset networks",
        ["wilson-2016-nepal-earthquake-displacement"],
    ),
    ("storm on the Bay of Bengal and how subscribers reacted", ["lu-2016-bangladesh-cyclone-mahasen"]),
    ("where Americans on the shore could resettle as the ocean swells", ["hauer-2017-sea-level-rise-us-migration"]),
    ("mosquito-borne fever carried by travellers in South Asia", ["wesolowski-2015-pakistan-dengue-mobility"]),
    (
        "mosquito illness imported by travellers in East Africa, traced with a telecom",
        ["safaricom-harvard-kenya-malaria-mobility"],
    ),
    ("confinement during a haemorrhagic fever outbreak in West Africa", ["peak-2018-sierra-leone-ebola-mobility"]),
    ("online CV platform showing where skilled workers relocate", ["state-2014-linkedin-professional-migration"]),
    (
        "electronic correspondence logins show which nation folks reside in",
        ["zagheni-weber-2012-yahoo-email-migration"],
    ),
    ("microblog posts with coordinates reveal relocations among rich nations", ["zagheni-2014-twitter-migration-oecd"]),
    (
        "counting foreigners in every land with the reach numbers that web companies sell to marketers",
        ["zagheni-2017-facebook-ads-migrant-stocks"],
    ),
    ("modern slavery survivors information pooled worldwide", ["ctdc-counter-trafficking-data-collaborative"]),
    (
        "greenness of land seen from space and internal relocation in West Africa",
        ["vandergeest-2010-ghana-migration-vegetation"],
    ),
    ("tents counted from orbit with machine learning", ["pulsesatellite-refugee-settlement-mapping"]),
    ("forecasting forced flight in the Horn of Africa", ["unhcr-jetson-somalia-displacement-prediction"]),
    (
        "how Arab newcomers blend in, judged by their online likes",
        ["dubois-2018-facebook-interests-assimilation"],
    ),
    ("internet lookups as a gauge of immigration to Oceania", ["ungp-unfpa-2014-search-data-australia"]),
    (
        "what people fleeing the war in Syria looked for online on their way to the EU",
        ["pew-2017-search-data-refugees-europe"],
    ),
    (
        "neighbourhood-level map of foreign-born residents in EU towns",
        ["jrc-d4i-data-challenge-integration-cities"],
    ),
    ("ocean encroachment pushing villagers inland in South Asia", ["davis-2018-bangladesh-sea-level-rise-migration"]),
]

FRENCH = [
    (
        "téléphones portables et déplacements après un séisme en Haïti",
        ["flowminder-digicel-haiti-2010", "lu-2012-haiti-displacement-predictability"],
    ),
    ("déplacements après le tremblement de terre au Népal", ["wilson-2016-nepal-earthquake-displacement"]),
    (
        "migrations climatiques au Bangladesh avec les données mobiles",
        ["lu-2016-bangladesh-six-million-users", "mdeep-bangladesh-climate-mobility"],
    ),
    ("images satellitaires des réfugiés soudanais en Éthiopie", ["digitalglobe-unhcr-refugee-imagery-ethiopia"]),
    ("prévoir les déplacements en Somalie", ["unhcr-jetson-somalia-displacement-prediction"]),
    ("les recherches Google des réfugiés en Turquie", ["pew-2017-search-data-refugees-europe"]),
    ("l'exode vénézuélien mesuré par la publicité Facebook", ["palotti-2020-venezuelan-exodus-facebook"]),
    ("paludisme et mobilité au Kenya", ["safaricom-harvard-kenya-malaria-mobility"]),
    ("traite des êtres humains", ["ctdc-counter-trafficking-data-collaborative"]),
    ("inondations au Soudan du Sud", ["iom-dtm-south-sudan-floods-2019"]),
]

SPANISH = [
    (
        "datos de teléfonos móviles después del terremoto de Haití",
        ["flowminder-digicel-haiti-2010", "lu-2012-haiti-displacement-predictability"],
    ),
    ("migrantes venezolanos en Twitter", ["mazzoli-2019-twitter-venezuela-flows"]),
    ("cruces en la frontera entre Brasil y Venezuela", ["unhcr-brazil-venezuela-border-forecasting"]),
    ("dengue y movilidad en Pakistán", ["wesolowski-2015-pakistan-dengue-mobility"]),
    ("subida del nivel del mar y migración en Estados Unidos", ["hauer-2017-sea-level-rise-us-migration"]),
    ("ébola y restricciones de viaje en Sierra Leona", ["peak-2018-sierra-leone-ebola-mobility"]),
    (
        "refugiados sirios en Turquía con datos de telefonía",
        ["d4r-turk-telekom-syrian-refugees", "beine-2021-turkey-refugee-mobility-gravity"],
    ),
    ("solicitudes de asilo y Google Trends", ["qi-bircan-2023-google-trends-asylum"]),
    ("estrés por calor y migración en el Pakistán rural", ["mueller-2014-pakistan-heat-stress-migration"]),
]

PORTUGUESE = [
    ("deslocamento após o terremoto no Nepal", ["wilson-2016-nepal-earthquake-displacement"]),
    ("travessias na fronteira entre Brasil e Venezuela", ["unhcr-brazil-venezuela-border-forecasting"]),
    ("migração de profissionais para os Estados Unidos no LinkedIn", ["state-2014-linkedin-professional-migration"]),
    ("furacão Maria em Porto Rico", ["nethope-facebook-puerto-rico-maria"]),
    ("dados de celulares para estatísticas de migração na Namíbia", ["lai-2019-namibia-cdr-migration-statistics"]),
]

ARABIC = [
    ("النزوح بعد زلزال هايتي", ["flowminder-digicel-haiti-2010", "lu-2012-haiti-displacement-predictability"]),
    ("اللاجئون السوريون في تركيا", ["d4r-turk-telekom-syrian-refugees", "beine-2021-turkey-refugee-mobility-gravity"]),
    ("صور الأقمار الصناعية للاجئين في إثيوبيا", ["digitalglobe-unhcr-refugee-imagery-ethiopia"]),
    ("التنبؤ بالنزوح في الصومال", ["unhcr-jetson-somalia-displacement-prediction"]),
    ("الهجرة بسبب ارتفاع مستوى سطح البحر في بنغلاديش", ["davis-2018-bangladesh-sea-level-rise-migration"]),
    ("الإيبولا في سيراليون", ["peak-2018-sierra-leone-ebola-mobility"]),
    ("الملاريا والتنقل في كينيا", ["safaricom-harvard-kenya-malaria-mobility"]),
    ("الاتجار بالبشر", ["ctdc-counter-trafficking-data-collaborative"]),
    ("الفيضانات في جنوب السودان", ["iom-dtm-south-sudan-floods-2019"]),
    ("مهاجرون فنزويليون على فيسبوك", ["palotti-2020-venezuelan-exodus-facebook"]),
]

SETS = {
    "keywords (en)": KEYWORDS,
    "paraphrases (en)": PARAPHRASES,
    "French": FRENCH,
    "Spanish": SPANISH,
    "Portuguese": PORTUGUESE,
    "Arabic": ARABIC,
}


def measure(queries, rank):
    """{"recall@5", "ndcg@10", "queries", "misses"} of `rank(query) -> [slugs best first]`.

    recall@5: the share of the wanted entries, over all queries, in their query's
    first five. nDCG@10: binary relevance (the wanted entries), averaged per query.
    """
    found = wanted_total = 0
    ndcg = 0.0
    misses = []
    for query, wanted in queries:
        ranked = rank(query)
        top = ranked[:5]
        hits = [slug for slug in wanted if slug in top]
        found += len(hits)
        wanted_total += len(wanted)
        gain = sum(1 / math.log2(position + 2) for position, slug in enumerate(ranked[:10]) if slug in wanted)
        ideal = sum(1 / math.log2(position + 2) for position in range(min(len(wanted), 10)))
        ndcg += gain / ideal
        if len(hits) < len(wanted):
            misses.append((query, sorted(set(wanted) - set(hits)), top))
    return {
        "recall@5": found / wanted_total,
        "ndcg@10": ndcg / len(queries),
        "queries": len(queries),
        "misses": misses,
    }
