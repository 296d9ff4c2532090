"""Pictures offer AVIF, then WebP, then a JPEG or PNG fallback, each with its size."""

import io
import re

import pytest
from PIL import Image as PILImage

from home.models import HubImage
from tests.factories import make_image, member_page, news_page
from tests.html import soup_of

pytestmark = pytest.mark.django_db


def rendition_format(url):
    """The format Pillow reads in the rendition file a srcset or src names."""
    rendition = HubImage.get_rendition_model().objects.get(file__endswith=url.rsplit("/", 1)[-1])
    with rendition.file.open("rb") as handle, PILImage.open(io.BytesIO(handle.read())) as picture:
        return picture.format, picture.size


def srcset_urls(srcset):
    return [candidate.split()[0] for candidate in srcset.split(",")]


def test_an_article_picture_offers_avif_and_webp_before_a_jpeg_fallback(client, site_tree):
    image = make_image(description="Delegates at the launch", size=(1600, 900))
    page = news_page(site_tree["news_index"], title="Launch", image=image)

    picture = soup_of(client.get(page.url)).find("main").find("picture")

    sources = picture.find_all("source")
    assert [source["type"] for source in sources] == ["image/avif", "image/webp"]
    for source, expected in zip(sources, ["AVIF", "WEBP"], strict=True):
        assert source["sizes"]
        widths = [int(w) for w in re.findall(r" (\d+)w", source["srcset"])]
        assert widths == [720, 1440]
        assert {rendition_format(url)[0] for url in srcset_urls(source["srcset"])} == {expected}
    img = picture.find("img")
    assert img["alt"] == "Delegates at the launch"
    assert (img["width"], img["height"]) == ("720", "405")
    assert rendition_format(img["src"]) == ("JPEG", (720, 405))


def test_a_logo_keeps_a_png_fallback_for_its_transparency(client, site_tree):
    logo = make_image(description="Logo of the Data Office", size=(400, 200))
    page = member_page(site_tree["member_index"], title="Data Office", logo=logo)

    picture = soup_of(client.get(page.url)).find(class_="page-header__logo").find("picture")

    assert [source["type"] for source in picture.find_all("source")] == ["image/avif", "image/webp"]
    img = picture.find("img")
    assert (img["width"], img["height"]) == ("320", "160")
    assert rendition_format(img["src"])[0] == "PNG"
