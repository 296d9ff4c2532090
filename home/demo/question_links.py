"""Which directory entries address which priority questions, for the evidence gap map.

Chosen by hand, and only where the entry's own summary in directory.json (what
its cited source reports) answers the question as questions.json words it; the
reason, quoted or closely paraphrased from that summary, is kept beside each
link so the choice can be checked. A question no entry answers that way stays
a gap: nothing here is inferred from an entry's topics alone.

{question slug: [(entry slug, reason), ...]}
"""

from home.demo.upsert import model

QUESTION_LINKS = {
    # "How can migration researchers and policymakers obtain and put to use big data that are often privately held?"
    "accessing-utilising-data-guiding-question": [
        (
            "flowminder-digicel-haiti-2010",
            "worked with the operator Digicel; the first operational use of operator data",
        ),
        (
            "wilson-2016-nepal-earthquake-displacement",
            "a collaboration with the operator Ncell agreed before the disaster",
        ),
        ("safaricom-harvard-kenya-malaria-mobility", "Safaricom shared a year of anonymised records with researchers"),
        (
            "ghana-vodafone-flowminder-gss-mobility",
            "statistics office, operator and Flowminder partnership, renewed in 2023",
        ),
        ("d4r-turk-telekom-syrian-refugees", "Türk Telekom released anonymised records to research teams"),
    ],
    # "How could access to big data sources be widened?"
    "accessing-utilising-data-q1": [
        ("d4r-turk-telekom-syrian-refugees", "operator records released to research teams through a challenge"),
        ("jrc-d4i-data-challenge-integration-cities", "gridded census dataset opened to vetted research teams"),
        ("unhcr-worldbank-joint-data-center", "objective: open access to anonymised microdata with safeguards"),
        ("ctdc-counter-trafficking-data-collaborative", "a downloadable, k-anonymised global dataset"),
        (
            "sorichetta-2016-malaria-internal-migration-census",
            "connectivity datasets published openly through WorldPop",
        ),
    ],
    # "How can novel data be combined with censuses, surveys, field data and local knowledge ...?"
    "integrating-data-sources-guiding-question": [
        (
            "lai-2019-namibia-cdr-migration-statistics",
            "phone data compared with census figures, to complement censuses",
        ),
        ("palotti-2020-venezuelan-exodus-facebook", "Facebook figures compared with household surveys before use"),
        (
            "mueller-2014-pakistan-heat-stress-migration",
            "a household survey linked with satellite-derived climate data",
        ),
    ],
    # "How can big data yield migration statistics that are more detailed and more up to date?"
    "integrating-data-sources-q1": [
        (
            "lai-2019-namibia-cdr-migration-statistics",
            "sub-national, annual estimates; more timely and local statistics",
        ),
        ("spyratos-2019-facebook-network-mobility", "estimates for 119 countries by age, gender and previous country"),
        ("zagheni-2017-facebook-ads-migrant-stocks", "audience estimates work like a continuously updated census"),
        ("zagheni-weber-2012-yahoo-email-migration", "age and sex-specific migration rates from e-mail locations"),
        (
            "mazzoli-2019-twitter-venezuela-flows",
            "consistent with official statistics, with finer spatial and time detail",
        ),
        ("ungp-unfpa-2014-search-data-australia", "search data as a proxy to complement migration statistics"),
        (
            "palotti-2020-venezuelan-exodus-facebook",
            "answers where migrants settle, which registrations show only late",
        ),
    ],
    # "What are the best ways to combine data from different sources?"
    "integrating-data-sources-q2": [
        ("wesolowski-2015-pakistan-dengue-mobility", "climate data combined with subscribers' travel patterns"),
        ("safaricom-harvard-kenya-malaria-mobility", "phone records combined with a malaria prevalence map"),
        ("jrc-d4i-data-challenge-integration-cities", "teams combined the census grid with other data"),
        ("mueller-2014-pakistan-heat-stress-migration", "a longitudinal survey linked with satellite climate measures"),
        ("sobigdata-human-migration-big-data-perspective", "compares traditional and novel sources for each phase"),
        ("qi-bircan-2023-google-trends-asylum", "tests when adding search data to asylum models helps"),
    ],
    # "How can big data ... show how sudden hazards and slow environmental change affect migration?"
    "environmental-drivers-guiding-question": [
        (
            "vandergeest-2010-ghana-migration-vegetation",
            "census migration flows related to satellite vegetation trends",
        ),
        ("iom-dtm-south-sudan-floods-2019", "mapped villages displaced by the 2019 floods"),
        ("mueller-2014-pakistan-heat-stress-migration", "floods and heat stress compared as drivers of migration"),
    ],
    # "How can big data help assess the ongoing effects of climate change on migration?"
    "environmental-drivers-q1": [
        ("lu-2016-bangladesh-cyclone-mahasen", "behavioural responses to a climate hazard measured in operator data"),
        ("lu-2016-bangladesh-six-million-users", "offered as a complement to survey-based climate-migration research"),
        ("mdeep-bangladesh-climate-mobility", "call records applied to climate impacts on population flows"),
        ("mueller-2014-pakistan-heat-stress-migration", "heat stress raised long-term migration of men"),
    ],
    # "Can big data help find populations that are vulnerable to environmental change?"
    "environmental-drivers-q2": [
        ("hauer-2017-sea-level-rise-us-migration", "US coastal populations at risk from sea-level rise"),
        ("davis-2018-bangladesh-sea-level-rise-migration", "where people displaced by rising seas might come from"),
    ],
    # "How could big data help predict mass migration caused by environmental change?"
    "environmental-drivers-q3": [
        ("hauer-2017-sea-level-rise-us-migration", "models how many might move and where they would go"),
        ("davis-2018-bangladesh-sea-level-rise-migration", "about 900,000 could move by mid-century from inundation"),
        (
            "unhcr-jetson-somalia-displacement-prediction",
            "forecasts displacement from climate anomalies and other inputs",
        ),
    ],
    # "How can big data help identify and meet the health care needs of migrants?"
    "healthcare-access-guiding-question": [
        ("d4r-turk-telekom-syrian-refugees", "teams worked on the health of Syrian refugees in Turkey"),
    ],
    # "How can big data support evidence-based health interventions ...?"
    "healthcare-access-q3": [
        ("peak-2018-sierra-leone-ebola-mobility", "measured the effect of an Ebola lockdown on travel"),
        ("iom-dtm-drc-ebola-flow-monitoring", "mobility evidence used to choose surveillance sites and measures"),
        ("wesolowski-2015-pakistan-dengue-mobility", "risk maps intended for dengue preparedness"),
    ],
    # "How can big data be used for migration research without endangering vulnerable migrant communities?"
    "ethics-privacy-security-guiding-question": [
        (
            "ctdc-counter-trafficking-data-collaborative",
            "victims' case data k-anonymised, later with differential privacy",
        ),
        ("unhcr-worldbank-joint-data-center", "anonymised microdata on refugees opened only with safeguards"),
    ],
    # "How can big data be used ethically?"
    "ethics-privacy-security-q4": [
        ("ctdc-counter-trafficking-data-collaborative", "k-anonymity, synthetic data and differential privacy"),
    ],
    # "How does big data-based evidence interact with political narratives and public debate about migration?"
    "political-narratives-guiding-question": [
        ("ungp-unhcr-social-media-refugees-europe", "followed xenophobic sentiment in host communities on Twitter"),
    ],
    # "How could data improve understanding of what drives migration in West Africa?"
    "west-africa-drivers-of-migration": [
        ("vandergeest-2010-ghana-migration-vegetation", "environmental dimensions of migration systems in Ghana"),
    ],
}


def questions_for(entry_slug, *, locale):
    """The priority questions QUESTION_LINKS links the demo entry `entry_slug` to."""
    slugs = [question for question, links in QUESTION_LINKS.items() if any(e == entry_slug for e, _ in links)]
    if not slugs:
        return []
    found = {q.slug: q for q in model("directory.PriorityQuestion").objects.filter(locale=locale, slug__in=slugs)}
    return [found[slug] for slug in slugs]
