"""The personal data an uploaded picture carries in its metadata: EXIF text
tags, the GPS position, XMP, PNG text chunks and JPEG comments. Read from the
file as uploaded, before `reencode_image` (home/models/images.py) strips it all,
so a moderator can see what the sender's camera or editor had recorded."""

import io

from PIL import ExifTags
from PIL import Image as PILImage

from home.privacy_scan.models import FindingKind
from home.privacy_scan.patterns import find_personal_data

# EXIF tags that name a person or hold free text.
PERSON_TAGS = {"Artist", "Copyright", "OwnerName", "CameraOwnerName", "XPAuthor"}
TEXT_TAGS = PERSON_TAGS | {"ImageDescription", "UserComment", "XPComment", "XPSubject", "XPTitle", "XPKeywords"}
GPS_IFD = 0x8825
EXIF_IFD = 0x8769


def metadata_findings(data: bytes) -> list[dict]:
    """[{"kind", "text", "where"}] for `data`; empty when Pillow cannot read it."""
    try:
        with PILImage.open(io.BytesIO(data)) as picture:
            texts, findings = _metadata_texts(picture)
    except (OSError, ValueError, SyntaxError):
        return []
    for where, text in texts:
        for kind, matched in find_personal_data(text):
            findings.append({"kind": kind, "text": matched, "where": where})
    return _distinct(findings)


def _metadata_texts(picture):
    texts, findings = [], []
    exif = picture.getexif()
    tags = dict(exif)
    tags.update(exif.get_ifd(EXIF_IFD))
    for tag_id, value in tags.items():
        name = ExifTags.TAGS.get(tag_id, str(tag_id))
        if name not in TEXT_TAGS:
            continue
        text = _as_text(value)
        if not text:
            continue
        texts.append((f"EXIF {name}", text))
        if name in PERSON_TAGS:
            # The camera's owner or the photographer: a name by definition, no pattern needed.
            findings.append({"kind": FindingKind.PERSON_NAME.value, "text": text[:500], "where": f"EXIF {name}"})
    position = _gps_position(exif.get_ifd(GPS_IFD))
    if position:
        findings.append({"kind": FindingKind.COORDINATES.value, "text": position, "where": "EXIF GPS"})
    for key, value in (getattr(picture, "text", None) or {}).items():  # PNG tEXt/iTXt/zTXt chunks
        texts.append((f"PNG text {key}", _as_text(value)))
    for key in ("xmp", "XML:com.adobe.xmp", "comment"):
        if picture.info.get(key):
            texts.append(("XMP" if key != "comment" else "Comment", _as_text(picture.info[key])))
    return texts, findings


def _as_text(value) -> str:
    if isinstance(value, bytes):
        encoding = "utf-16-le" if value[1:2] == b"\x00" else "utf-8"
        value = value.decode(encoding, errors="replace").replace("\x00", "")
    return str(value).strip()


def _gps_position(gps) -> str:
    try:
        latitude, longitude = _degrees(gps[2], gps.get(1)), _degrees(gps[4], gps.get(3))
    except (KeyError, TypeError, ValueError, ZeroDivisionError, IndexError):
        return ""
    return f"{latitude:.6f}, {longitude:.6f}"


def _degrees(value, reference):
    degrees, minutes, seconds = (float(part) for part in value)
    result = degrees + minutes / 60 + seconds / 3600
    return -result if reference in ("S", "W", b"S", b"W") else result


def _distinct(findings):
    seen, result = set(), []
    for finding in findings:
        key = (finding["kind"], finding["text"])
        if key not in seen:
            seen.add(key)
            result.append(finding)
    return result
