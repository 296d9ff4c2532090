"""What personal data looks like in free text: one regular expression per kind.

Deliberately narrow: a pattern needs a shape no bibliographic text has (an
"@", a leading "+", a street word, a title before a name, a keyword before a
number), so years, ISO dates, DOIs, page references and population figures
pass. URLs and DOIs are blanked out before matching, so identifiers inside
them are not flagged.
"""

import re

from home.privacy_scan.models import FindingKind

# Blanked out before matching: their digits and letters are not about a person.
NOT_PERSONAL = re.compile(
    r"(?:https?://|www\.)\S+|\bdoi:\s*\S+|\b10\.\d{4,9}/\S+|\bISBN[\s:-]*[\dX-]+|\bISSN[\s:]*\d{4}-\d{3}[\dX]",
    re.IGNORECASE,
)

STREET_WORDS = r"Street|St\.|Road|Rd\.|Avenue|Ave\.|Boulevard|Blvd\.|Lane|Drive|Terrace|Close|Crescent"
CONTINENTAL_STREETS = (
    r"[A-ZÄÖÜ][\wäöüß-]*(?:straße|strasse|str\.|weg|gasse|platz|laan|straat|gracht|gata|gatan|vej|utca)"
)
NUMBER_FIRST_STREETS = r"rue|avenue|boulevard|chemin|place|via|viale|calle|avenida|rua"
NAME_FIRST_STREETS = r"Rue|Avenue|Boulevard|Chaussée|Place|Via|Viale|Calle|Avenida|Rua"
PARTICLES = r"(?:(?:de|du|des|la|le|l'|del|della|di|da|do|dos)\s+)*"
NAME = r"[A-Z][a-zà-ÿ'’-]+"

PATTERNS = {
    FindingKind.EMAIL: [
        re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"),
        re.compile(r"\b[\w.+-]+\s*[\[(]at[\])]\s*[\w-]+(?:\s*(?:\.|[\[(]dot[\])])\s*[\w-]+)+", re.IGNORECASE),
    ],
    FindingKind.PHONE: [
        re.compile(r"(?<![\w+])\+\d{1,3}[\s.-]?(?:\(0?\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){2,4}\b"),
        re.compile(
            r"(?i:\b(?:tel|phone|telephone|mobile|cell|fax|whatsapp)\b\.?\s*(?:no\.?|number)?\s*[:.]?\s*)"
            r"\(?0?\d[\d\s().-]{5,}\d\b"
        ),
        re.compile(r"\(\d{3}\)\s?\d{3}-\d{4}\b"),
    ],
    FindingKind.POSTAL_ADDRESS: [
        re.compile(rf"\b\d{{1,5}}[a-z]?,?\s+(?:{NAME}\s+){{1,4}}(?:{STREET_WORDS})(?=\W|$)"),
        re.compile(rf"\b{CONTINENTAL_STREETS}\s+\d{{1,4}}[a-z]?\b"),
        re.compile(rf"\b\d{{1,4}}(?:\s?bis)?,?\s+(?i:{NUMBER_FIRST_STREETS})\s+{PARTICLES}{NAME}"),
        re.compile(rf"\b(?:{NAME_FIRST_STREETS})\s+{PARTICLES}{NAME}(?:\s+{NAME})*,?\s+\d{{1,4}}\b"),
        re.compile(r"\bP\.?\s?O\.?\s+Box\s+\d+\b", re.IGNORECASE),
        re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b"),  # a UK postcode
    ],
    FindingKind.ID_NUMBER: [
        re.compile(
            r"(?i:\b(?:passport|identity card|id card|national id|id|social security|ssn|residence permit|"
            r"case|registration|unhcr)\s*(?:no\.?|nr\.?|number|#)?\s*[:#]?\s*)"
            r"(?=[A-Z0-9-]*\d)[A-Z0-9]{1,4}[- ]?\d[\dA-Z-]{4,}\b"
        ),
        re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])"),  # a US social security number
        re.compile(r"\b[A-Z]{1,2}\d{7,8}\b"),  # the shape of most passport numbers
    ],
    FindingKind.COORDINATES: [
        # Four decimals is about ten metres: a building, not a region.
        re.compile(r"(?<![\d.])-?\d{1,2}\.\d{4,}\s*°?\s*[NS]?\s*[,;]\s*-?\d{1,3}\.\d{4,}\s*°?\s*[EW]?"),
        re.compile(r"\d{1,3}°\s*\d{1,2}['′]\s*\d{1,2}(?:\.\d+)?[\"″]\s*[NSEW]"),
    ],
    FindingKind.PERSON_NAME: [
        re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+{NAME}(?:\s+{NAME})?"),
        re.compile(
            rf"(?i:\b(?:contact(?: person)?|name|interviewee|respondent|informant|beneficiary)\s*:\s*)"
            rf"{NAME}(?:\s+{NAME})+"
        ),
    ],
}


def find_personal_data(text: str) -> list[tuple[str, str]]:
    """(kind, matched text) for each distinct match in `text`, in the order found."""
    if not text:
        return []
    cleaned = NOT_PERSONAL.sub(lambda match: " " * len(match.group()), text)
    found, spans = [], []
    for kind, patterns in PATTERNS.items():
        for pattern in patterns:
            for match in pattern.finditer(cleaned):
                start, end = match.span()
                if any(start >= taken_start and end <= taken_end for taken_start, taken_end in spans):
                    continue  # part of something already found ("X1234567" in "Passport no. X1234567")
                spans.append((start, end))
                item = (kind.value, " ".join(match.group().split())[:500])
                if item not in found:
                    found.append(item)
    return found
