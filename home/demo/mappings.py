"""Hand-checked links between reference records, kept as explicit tables.

Names in the reference data are free text, so matching them by fuzzy rules
would link the wrong pages (generic "IOM" is not GMDAC; the Max Planck
Institute for Software Systems is not MPIDR). Each table below was checked
against home/reference_data; a name that is not listed stays unlinked.
"""

# directory.json organisations[] (name as credited) -> members.json slug.
# UNHCR's country operations are UNHCR itself, so they link to its profile.
ORGANISATION_MEMBERS = {
    "European Commission Joint Research Centre (KCMD)": "ec-jrc-kcmd",
    "Flowminder Foundation": "flowminder",
    "IOM Global Migration Data Analysis Centre (GMDAC)": "iom-gmdac",
    "LinkedIn": "linkedin",
    "Max Planck Institute for Demographic Research (MPIDR)": "mpidr",
    "Orange": "orange",
    "Orange Labs": "orange",
    "Qatar Computing Research Institute (QCRI)": "qcri",
    "SoBigData": "sobigdata",
    "The GovLab": "the-govlab",
    "UN Global Pulse": "un-global-pulse",
    "United Nations Global Pulse": "un-global-pulse",
    "UNHCR": "unhcr",
    "UNHCR Innovation Service": "unhcr",
    "UNHCR Brazil": "unhcr",
    "UNHCR Ethiopia": "unhcr",
    "UNHCR Somalia": "unhcr",
    "UNHCR Turkey": "unhcr",
    "UNICEF": "unicef",
    "Dalberg Data Insights": "dalberg-data-insights",
    "African Union": "african-union",
    "Robert Bosch Foundation": "robert-bosch-foundation",
}

# events.json slug -> members named as organisers in its `organiser` text.
# Generic "IOM", "OECD" or "UN DESA" are not member profiles and stay text only;
# Germany's interior ministry only supported the 2021 Berlin event.
EVENT_ORGANISERS = {
    "improving-data-international-migration-berlin-2016": ["iom-gmdac"],
    "ispra-big-data-workshop-2017": ["ec-jrc-kcmd", "iom-gmdac"],
    "bd4m-launch-2018-brussels": ["ec-jrc-kcmd", "iom-gmdac"],
    "d4i-final-workshop-2018": ["ec-jrc-kcmd"],
    "bd4m-hub-launch-2020": ["ec-jrc-kcmd", "the-govlab"],
    "bd4m-studio-west-africa-2021": ["iom-gmdac", "ec-jrc-kcmd", "the-govlab"],
    "harnessing-data-innovation-europe-africa-2021": [
        "ec-jrc-kcmd",
        "iom-gmdac",
        "the-govlab",
        "african-union",
        "robert-bosch-foundation",
    ],
}

# events.json slug -> event type, judged from the title and summary:
# forums and conferences -> conference, workshops and studios -> workshop,
# in-person launches -> meeting, the announced series -> dialogue, and the
# online launch of the hub -> webinar.
EVENT_TYPES = {
    "improving-data-international-migration-berlin-2016": "conference",
    "ispra-big-data-workshop-2017": "workshop",
    "ifms-2018-paris": "conference",
    "bd4m-launch-2018-brussels": "meeting",
    "d4i-final-workshop-2018": "workshop",
    "ucl-big-data-migration-workshop-2019": "workshop",
    "iom-ffo-forecasting-human-mobility-2019": "workshop",
    "ifms-2020-cairo": "conference",
    "bd4m-hub-launch-2020": "webinar",
    "bd4m-private-sector-dialogue-series": "dialogue",
    "bd4m-studio-west-africa-2021": "workshop",
    "harnessing-data-innovation-europe-africa-2021": "conference",
    "ifms-2023-santiago": "conference",
}

# The series the announced private-sector dialogues belong to.
EVENT_SERIES = {
    "bd4m-private-sector-dialogue-series": {
        "slug": "private-sector-dialogue-series",
        "name": "Private-sector dialogue series",
        "definition": (
            "Dialogues with the private sector on collaborative frameworks for using new data sources "
            "for migration, announced by the Alliance's conveners in June 2020."
        ),
    },
}

# Country of an event's place -> the time zone its local times are given in.
COUNTRY_TIME_ZONES = {
    "BE": "Europe/Brussels",
    "CL": "America/Santiago",
    "DE": "Europe/Berlin",
    "EG": "Africa/Cairo",
    "FR": "Europe/Paris",
    "GB": "Europe/London",
    "IT": "Europe/Rome",
}

# news.json slug -> members the item clearly names.
NEWS_MEMBERS = {
    "ec-iom-launch-bd4m-2018": ["ec-jrc-kcmd", "iom-gmdac"],
    "ssir-data-collaboratives-migration-2018": ["the-govlab"],
    "100-questions-launch-migration-2019": ["the-govlab"],
    "jdc-launch-2019": ["unhcr"],
    "bd4m-digital-hub-launch-2020": ["ec-jrc-kcmd", "the-govlab"],
    "bd4m-au-call-to-action-2021": ["african-union", "robert-bosch-foundation"],
}

# news.json slug -> directory entries the item is about.
NEWS_ENTRIES = {
    "jdc-launch-2019": ["unhcr-worldbank-joint-data-center"],
    "iom-data-innovation-directory-launch-2020": ["ghana-vodafone-flowminder-gss-mobility"],
}

# directory.json listed_in slugs -> the catalogue's name.
CATALOGUES = {
    "iom-data-innovation-directory": "IOM Data Innovation Directory (Migration Data Portal)",
    "datacollaboratives.org": "datacollaboratives.org",
    "govlab-data-collabs-csv": "GovLab data-collabs repository",
}
