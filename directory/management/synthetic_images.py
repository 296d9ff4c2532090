"""Synthetic images for the benchmark content (generate_bench_content): a
coloured card with a label, so renditions are exercised at scale.

Never used by the demo content, whose pages without a photo get the site's own
designed treatments instead. Nothing is downloaded. Colours are derived from
the key, so a second run draws the same card, and each image is found again by
its title.
"""

import colorsys
import hashlib
import io
import re

from django.core.files.images import ImageFile

from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 675)
CREDIT = "Generated for benchmarks"
LICENCE = "CC0"


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
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


TITLE_PREFIX = "Synthetic: "


def synthetic_image(*, key, label, kind, tally=None):
    """The synthetic HubImage for one key, created or redrawn only when needed.

    `key` is stable (for example "member iom-gmdac") and names both the image's
    title and its file; `label` is what the card shows (initials or an acronym).
    """
    from home.models import HubImage

    title = f"{TITLE_PREFIX}{key}"
    description = f"Synthetic card: {label} ({kind.lower()})"
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
    file_name = re.sub(r"[^a-z0-9]+", "-", f"synthetic {key}".lower()).strip("-") + ".png"
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
