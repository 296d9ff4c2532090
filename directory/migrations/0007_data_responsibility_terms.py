"""The terms of the data responsibility record's two vocabularies, in the default
locale, so that a new site's admin and submission form offer them at once.
The same slugs, labels and definitions are in home/reference_data/vocabularies.json
for the demo loader; administrators may rename or translate them as snippets."""

from django.conf import settings
from django.db import migrations

PROTECTIONS = [
    (
        "anonymisation",
        "Anonymisation or de-identification",
        "Identifiers removed, replaced (pseudonymisation) or generalised before the data were used or shared.",
    ),
    (
        "aggregation-thresholds",
        "Aggregation thresholds",
        "Counts below a minimum group size suppressed or merged before release.",
    ),
    (
        "statistical-disclosure-control",
        "Statistical disclosure control",
        "Methods such as k-anonymity, cell suppression, noise or swapping that limit re-identification in "
        "released statistics or microdata.",
    ),
    (
        "differential-privacy",
        "Differential privacy",
        "Calibrated noise added so that a result barely depends on any one person's data.",
    ),
]
ARRANGEMENTS = [
    (
        "data-sharing-agreement",
        "Data sharing agreement",
        "A contract, memorandum or confidentiality agreement setting what the recipient may do with the data.",
    ),
    ("licence", "Licence", "Data released under a licence or terms of use."),
    (
        "trusted-environment",
        "Trusted environment or research data centre",
        "Data analysed inside a secure facility or enclave run by the data holder or a trusted third party.",
    ),
    (
        "code-to-data",
        "Code-to-data or remote access",
        "Analysts send code to where the data are kept, or query them remotely, and receive only results.",
    ),
    ("public-data", "Public data", "Data already published openly by their holder."),
]


def add_terms(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first() or Locale.objects.first()
    if locale is None:
        return
    for model_name, terms in (("DataProtection", PROTECTIONS), ("DataArrangement", ARRANGEMENTS)):
        model = apps.get_model("directory", model_name)
        for slug, name, definition in terms:
            model.objects.get_or_create(slug=slug, locale=locale, defaults={"name": name, "definition": definition})


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0006_data_responsibility_record"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(add_terms, migrations.RunPython.noop)]
