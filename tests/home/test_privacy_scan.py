"""The personal-data scan: what it flags and what it must not, where it looks
(every text field, rich text, StreamField text, inline rows, image metadata as
uploaded), and a public submission's findings in the moderators' inbox."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from PIL import Image as PILImage
from PIL import PngImagePlugin

from home.models import HubImage, PersonalDataFinding
from home.privacy_scan.patterns import find_personal_data
from home.privacy_scan.services import scan_page
from home.services import create_draft_for_moderation
from tests.factories import make_image
from tests.utils import refused

pytestmark = pytest.mark.django_db

POSITIVE = [
    ("email", "Write to jane.doe@example.org for the microdata.", "jane.doe@example.org"),
    ("email", "Contact amina (at) mail.example.com", "amina (at) mail.example.com"),
    ("phone", "Call him on +44 20 7946 0958 after six.", "+44 20 7946 0958"),
    ("phone", "Tel: 020 7946 0958", "Tel: 020 7946 0958"),
    ("postal_address", "She lives at 12 Baker Street with her family.", "12 Baker Street"),
    ("postal_address", "The camp office, Rue de la Loi 200, Brussels", "Rue de la Loi 200"),
    ("postal_address", "Hauptstraße 5, Berlin", "Hauptstraße 5"),
    ("postal_address", "PO Box 1234, Nairobi", "PO Box 1234"),
    ("id_number", "Passport no. X1234567 was scanned.", "Passport no. X1234567"),
    ("id_number", "UNHCR case number 123-45678 closed.", "case number 123-45678"),
    ("id_number", "SSN 123-45-6789", "SSN 123-45-6789"),
    ("coordinates", "The shelter is at 52.520008, 13.404954 near the station.", "52.520008, 13.404954"),
    ("coordinates", "Found at 41°24'12.2\"N", "41°24'12.2\"N"),
    ("person_name", "Ms Amina Yusuf was interviewed in March.", "Ms Amina Yusuf"),
    ("person_name", "contact: Jane Doe", "contact: Jane Doe"),
]

NOT_PERSONAL = [
    "The project started in 2019 and ended in 2021.",
    "Published as doi:10.1016/j.jmig.2019.03.004 and https://doi.org/10.1371/journal.pone.0123456.",
    "Data collected between 2019-03-04 and 2020-12-31.",
    "As reported (Smith, 2019, p. 12), flows rose.",
    "See https://example.org/data?id=AB1234567&page=2 for the tables.",
    "A population of 84 358 845, of whom 3,400,000 were displaced; 2.5 million returned.",
    "ISBN 978-92-9068-123-4, UN document A/RES/70/1.",
    "The region lies between 12.5 and 14.2 degrees north.",
]


@pytest.mark.parametrize("kind, text, matched", POSITIVE)
def test_each_kind_is_flagged(kind, text, matched):
    assert (kind, matched) in find_personal_data(text)


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_bibliographic_text_is_not_flagged(text):
    assert find_personal_data(text) == []


def jpeg_with_exif():
    exif = PILImage.Exif()
    exif[0x013B] = "Fatima Rahman"  # Artist
    exif[0x010E] = "Family portrait, call +33 6 12 34 56 78"  # ImageDescription
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (48.0, 51.0, 29.1), 3: "E", 4: (2.0, 17.0, 40.2)})
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (10, 120, 60)).save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def png_with_text():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "contact: Omar Haddad, omar.haddad@example.net")
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (10, 120, 60)).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def test_image_metadata_is_scanned_before_it_is_stripped():
    image = HubImage(title="Portrait", file=SimpleUploadedFile("portrait.jpg", jpeg_with_exif()))
    image.save()
    found = {(item["kind"], item["text"]) for item in image.metadata_findings}
    assert ("person_name", "Fatima Rahman") in found
    assert ("phone", "+33 6 12 34 56 78") in found
    assert ("coordinates", "48.858083, 2.294500") in found
    # The stored file itself carries none of it.
    with image.file.open("rb") as stored, PILImage.open(stored) as picture:
        assert not picture.getexif()

    png = HubImage(title="Scan", file=SimpleUploadedFile("scan.png", png_with_text()))
    png.save()
    assert {("email", "omar.haddad@example.net"), ("person_name", "contact: Omar Haddad")} <= {
        (item["kind"], item["text"]) for item in png.metadata_findings
    }


def test_a_page_is_scanned_in_every_text_field(site_tree):
    from directory.models import DirectoryEntryPage, EntryOrganisation

    image = HubImage(title="Portrait", file=SimpleUploadedFile("portrait.jpg", jpeg_with_exif()))
    image.save()
    page = DirectoryEntryPage(
        title="Mobile money and remittances",
        summary="Phone records were aggregated. Ms Amina Yusuf led the fieldwork.",
        body=[
            ("paragraph", '<p>Write to <a href="mailto:team@example.org">the team</a>.</p>'),
            ("quote", {"text": "We met at 12 Baker Street.", "attribution": "A respondent"}),
        ],
        data_responsibility="<p>Passport no. X1234567 was never stored.</p>",
        image=image,
    )
    page.organisation_links = [EntryOrganisation(name="contact: Jane Doe")]
    create_draft_for_moderation(parent=site_tree["directory_index"], page=page)

    found = {(f.field, f.kind, f.matched_text) for f in PersonalDataFinding.objects.filter(page_id=page.pk)}
    assert ("Summary", "person_name", "Ms Amina Yusuf") in found
    assert ("Body", "email", "team@example.org") in found
    assert ("Body", "postal_address", "12 Baker Street") in found
    assert ("Data responsibility", "id_number", "Passport no. X1234567") in found
    assert ("Organisations: Name as credited", "person_name", "contact: Jane Doe") in found
    assert ("Image metadata: Portrait (EXIF Artist)", "person_name", "Fatima Rahman") in found
    assert not any(kind == "email" and field == "Title" for field, kind, _ in found)


def test_a_rescan_keeps_checks_and_drops_what_was_removed(site_tree, moderator):
    from home.models import NewsPage
    from home.privacy_scan.services import mark_checked

    page = NewsPage(title="Contacts", date="2024-06-01", intro="Write to info@alliance.example or jane@example.net.")
    create_draft_for_moderation(parent=site_tree["news_index"], page=page)
    allowed = PersonalDataFinding.objects.get(page_id=page.pk, matched_text="info@alliance.example")
    mark_checked(finding=allowed, user=moderator, note="The alliance's public contact address")

    page.intro = "Write to info@alliance.example."
    page.save_revision()
    scan_page(page=page)
    findings = list(PersonalDataFinding.objects.filter(page_id=page.pk))
    assert [(f.matched_text, f.checked_by) for f in findings] == [("info@alliance.example", moderator)]


def test_a_public_submission_gets_findings_shown_in_the_inbox(client, site_tree, moderator):
    from directory.models import DirectoryEntryPage

    upload = SimpleUploadedFile("photo.jpg", jpeg_with_exif(), content_type="image/jpeg")
    response = client.post(
        "/directory/submit/",
        {
            "title": "Displacement seen from the camps",
            "summary": "Interviews in the camp. contact: Jane Doe, +254 712 345 678.",
            "organisations": "University of Somewhere",
            "status": "ongoing",
            "submitter_name": "Amina Submitter",
            "submitter_email": "amina@example.net",
            "image": upload,
            "image_alt": "Tents at dusk",
            "form_token": "f" * 32,
        },
    )
    assert response.status_code == 302
    page = DirectoryEntryPage.objects.get(title="Displacement seen from the camps")
    found = {(f.kind, f.matched_text) for f in PersonalDataFinding.objects.filter(page_id=page.pk)}
    assert {("person_name", "contact: Jane Doe"), ("phone", "+254 712 345 678")} <= found
    assert ("person_name", "Fatima Rahman") in found  # from the photo's EXIF, before re-encoding
    # The submitter's own e-mail is in the private Submission record, not in the page: not a finding.
    assert ("email", "amina@example.net") not in found

    client.force_login(moderator)
    inbox = client.get(reverse("home_submission_modeladmin_index")).content.decode()
    assert "possible name of a private person in Summary" in inbox
    assert "1 possible phone number in Summary" in inbox
    assert reverse("hub_personal_data_findings", args=[page.pk]) in inbox
    screen = client.get(reverse("hub_personal_data_findings", args=[page.pk]))
    assert screen.status_code == 200
    assert "+254 712 345 678" in screen.content.decode() and "Fatima Rahman" in screen.content.decode()


def test_findings_are_for_reviewers_only(client, site_tree, editor):
    from home.models import NewsPage

    other = make_image()
    page = NewsPage(title="Contacts", date="2024-06-01", intro="Write to jane@example.net.", image=other)
    create_draft_for_moderation(parent=site_tree["news_index"], page=page)
    finding = PersonalDataFinding.objects.get(page_id=page.pk)
    url = reverse("hub_personal_data_findings", args=[page.pk])
    client.logout()
    assert client.get(url).status_code == 302  # to the admin's login
    from tests.factories import staff_user

    client.force_login(staff_user("outsider", group="Data stewards"))
    assert refused(client.get(url))  # not their step, not their page
    client.force_login(editor)
    assert client.get(url).status_code == 200  # the editors may see what to fix...
    assert refused(client.post(url, {"finding": finding.pk}))  # ...but not check it off
    finding.refresh_from_db()
    assert finding.checked_at is None


def test_a_bad_finding_id_is_an_error_message_not_a_500(client, site_tree, moderator):
    from home.models import NewsPage

    page = NewsPage(title="Contacts", date="2024-06-01", intro="Write to jane@example.net.")
    create_draft_for_moderation(parent=site_tree["news_index"], page=page)
    client.force_login(moderator)
    url = reverse("hub_personal_data_findings", args=[page.pk])
    response = client.post(url, {"finding": ["abc", "-1", "99999999"]}, follow=True)
    assert response.status_code == 200
    assert "Choose at least one finding" in response.content.decode()
    assert PersonalDataFinding.objects.get(page_id=page.pk).checked_at is None
    assert client.get(reverse("hub_personal_data_findings", args=[999999])).status_code == 404


def test_a_draft_saved_in_review_is_scanned_again(client, site_tree, editor, moderator):
    from home.models import NewsPage
    from tests.utils import edit_page

    client.force_login(editor)
    page = NewsPage(title="Contacts", date="2024-06-01", intro="Write to jane@example.net.")
    create_draft_for_moderation(parent=site_tree["news_index"], page=page, user=editor)
    assert PersonalDataFinding.objects.filter(page_id=page.pk).count() == 1
    client.force_login(moderator)
    banner = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "1 possible e-mail address in Introduction" in banner and "jane@example.net" in banner
    assert edit_page(client, page, intro="Write to the secretariat.").status_code == 302
    assert not PersonalDataFinding.objects.filter(page_id=page.pk).exists()
