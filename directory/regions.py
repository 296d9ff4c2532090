"""World Bank regions (as used by datacollaboratives.org) by ISO 3166-1 alpha-2 code.

Entries store countries; regions follow from them, so an editor never has to
keep the two in step by hand. 'global' is the one region with no countries.
"""

_REGIONS = {
    "east-asia-pacific": (
        "AS AU BN CN FJ FM GU HK ID JP KH KI KP KR LA MH MM MN MO MP MY NC NR NZ PF PG PH PW SB TH TL TO TV TW VN VU WS"
    ),
    "europe-central-asia": (
        "AD AL AM AT AZ BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GE GI GL GR HR HU IE IM IS IT KG KZ LI LT "
        "LU LV MC MD ME MK NL NO PL PT RO RS RU SE SI SK SM TJ TM TR UA UZ XK"
    ),
    "latin-america-caribbean": (
        "AG AR AW BB BO BR BS BZ CL CO CR CU CW DM DO EC GD GT GY HN HT JM KN KY LC MF MX NI PA PE PR PY SR SV "
        "SX TC TT UY VC VE VG VI"
    ),
    "middle-east-north-africa": "AE BH DJ DZ EG IL IQ IR JO KW LB LY MA MT OM PS QA SA SY TN YE",
    "north-america": "BM CA US",
    "south-asia": "AF BD BT IN LK MV NP PK",
    "sub-saharan-africa": (
        "AO BF BI BJ BW CD CF CG CI CM CV ER ET GA GH GM GN GQ GW KE KM LR LS MG ML MR MU MW MZ NA NE NG RW SC "
        "SD SL SN SO SS ST SZ TD TG TZ UG ZA ZM ZW"
    ),
}

GLOBAL = "global"
COUNTRIES_BY_REGION = {region: tuple(codes.split()) for region, codes in _REGIONS.items()}
REGION_BY_COUNTRY = {code: region for region, codes in _REGIONS.items() for code in codes.split()}


def region_slugs_for_countries(codes):
    """The region slugs that the given country codes fall in."""
    return {REGION_BY_COUNTRY[code] for code in codes if code in REGION_BY_COUNTRY}


def regions_for_countries(codes, locale):
    """The Region terms (in `locale`) that the given country codes fall in: how
    the admin form and public submissions fill in an entry's regions."""
    from directory.models import Region

    return Region.objects.live().filter(slug__in=region_slugs_for_countries(codes), locale=locale)
