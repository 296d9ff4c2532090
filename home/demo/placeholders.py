"""Honest placeholder images: a coloured card with a record's initials and kind.

Nothing is downloaded. Colours are derived from the record's slug, so a second
run draws the same card, and each image is found again by its title.
"""

import colorsys
import hashlib
import io
import re

from django.core.files.images import ImageFile

from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 675)
CREDIT = "Generated placeholder"
LICENCE = "CC0"
_SMALL_WORDS = {"a", "an", "and", "at", "by", "de", "for", "in", "of", "on", "the", "to", "with", "from", "-"}


def initials(text, *, limit=4):
    """Up to `limit` capital letters from the significant words of a name or title."""
    words = [word for word in re.split(r"[\s/:,()]+", text) if word and word.lower() not in _SMALL_WORDS]
    letters = "".join(word[0] for word in words if word[0].isalnum()).upper()
    return letters[:limit] or "?"


def colour_for(key):
    """A dark, saturated background colour that white text reads well on, fixed per key."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    hue = digest[0] / 255
    lightness = 0.26 + (digest[1] / 255) * 0.08
    red, green, blue = colorsys.hls_to_rgb(hue, lightness, 0.55)
    return int(red * 255), int(green * 255), int(blue * 255)


def _centred(draw, text, font, y, width):
    left, _top, right, _bottom = draw.textbbox((0, 0), text, font=font)
    draw.text(((width - (right - left)) / 2, y), text, font=font, fill=(255, 255, 255))


def draw_card(*, label, kind, key):
    """PNG bytes of a 1200x675 card showing `label` large and `kind` below it."""
    width, height = SIZE
    image = Image.new("RGB", SIZE, colour_for(key))
    draw = ImageDraw.Draw(image)
    label_size = 220
    font = ImageFont.load_default(size=label_size)
    while label_size > 60 and draw.textlength(label, font=font) > width * 0.86:
        label_size -= 10
        font = ImageFont.load_default(size=label_size)
    _centred(draw, label, font, height * 0.22 + (220 - label_size) / 2, width)
    _centred(draw, kind, ImageFont.load_default(size=56), height * 0.64, width)
    _centred(draw, "Placeholder image", ImageFont.load_default(size=34), height * 0.85, width)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def placeholder_image(*, key, label, kind, tally=None):
    """The placeholder HubImage for one record, created or redrawn only when needed.

    `key` is stable (for example "member iom-gmdac") and names both the image's
    title and its file; `label` is what the card shows (initials or an acronym).
    """
    from home.models import HubImage

    title = f"Placeholder: {key}"
    description = f"Placeholder card with the initials {label}" if label.isupper() else f"Placeholder card: {label}"
    description = f"{description} ({kind.lower()})"
    image = HubImage.objects.filter(title=title).order_by("pk").first()
    if image and image.description == description and image.credit == CREDIT and image.licence == LICENCE:
        if tally:
            tally.unchanged("images")
        return image
    created = image is None
    image = image or HubImage(title=title)
    image.description = description
    image.credit = CREDIT
    image.licence = LICENCE
    image.is_decorative = False
    file_name = re.sub(r"[^a-z0-9]+", "-", f"placeholder {key}".lower()).strip("-") + ".png"
    data = draw_card(label=label, kind=kind, key=key)
    image.file = ImageFile(io.BytesIO(data), name=file_name)
    # What Wagtail's upload form records, so duplicate detection works on these too.
    image.file_size = len(data)
    image.file_hash = hashlib.sha1(data).hexdigest()
    image.save()
    if not created:
        # Renditions of the old drawing would otherwise keep being served.
        image.renditions.all().delete()
    if tally:
        (tally.created if created else tally.updated)("images")
    return image
