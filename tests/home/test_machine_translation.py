"""Machine translation is off unless configured; configured, it is a local
stand-in for LibreTranslate here (never a remote service), its strings are
marked as machine-made in the editor and on the preview until a moderator
approves the translation, and nothing it writes is live before that."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.urls import reverse

import pytest
from wagtail_localize.models import StringTranslation

from tests.home.test_translations import about, editor_url, start_translation, translation_for  # noqa: F401
from tests.html import soup_of
from tests.utils import workflow_action

pytestmark = pytest.mark.django_db


class LibreTranslateStandIn(BaseHTTPRequestHandler):
    """POST /translate as LibreTranslate answers it: {"translatedText": [...]} for a list of q."""

    requests = []

    def do_POST(self):  # noqa: N802 - http.server's name
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append((self.path, body))
        answer = {"translatedText": [f"[{body['target']}] {text}" for text in body["q"]]}
        payload = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def libretranslate(settings):
    LibreTranslateStandIn.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), LibreTranslateStandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {"LIBRETRANSLATE_URL": f"http://127.0.0.1:{server.server_port}", "API_KEY": "", "TIMEOUT": 5},
    }
    yield LibreTranslateStandIn
    server.shutdown()
    server.server_close()


def test_machine_translation_is_off_by_default(client, editor, about):  # noqa: F811
    from django.conf import settings

    assert getattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", None) is None
    client.force_login(editor)
    draft = start_translation(client, about)
    assert "&quot;machineTranslator&quot;: null" in client.get(editor_url(draft)).content.decode()
    url = reverse("wagtail_localize:machine_translate", args=[translation_for(about).pk])
    assert client.post(url).status_code == 404


def test_machine_translation_stays_marked_and_offline_until_a_moderator_approves(
    client,
    editor,
    moderator,
    about,  # noqa: F811
    libretranslate,
    django_capture_on_commit_callbacks,
):
    client.force_login(editor)
    draft = start_translation(client, about)
    translation = translation_for(about)
    url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    assert client.post(url, {"next": editor_url(draft)}).status_code == 302
    assert libretranslate.requests and libretranslate.requests[0][1]["target"] == "fr"
    machine = StringTranslation.objects.filter(locale=translation.target_locale, translation_type="machine")
    assert machine.filter(data="[fr] About the alliance").exists()

    # The editor's screen and the preview say so; visitors see nothing of it.
    screen = soup_of(client.get(editor_url(draft)))
    assert screen.find(attrs={"data-hub-machine-translation": True}) is not None
    preview = soup_of(client.get(reverse("wagtail_localize:preview_translation", args=[translation.pk])))
    assert preview.find(attrs={"data-hub-machine-translation": True}) is not None
    client.logout()
    assert "[fr]" not in client.get("/fr/about/").content.decode()

    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(editor_url(draft), {"action": "hub-submit-translation"})
    draft.refresh_from_db()
    assert not draft.live
    client.logout()
    assert "[fr]" not in client.get("/fr/about/").content.decode()

    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        assert workflow_action(client, draft, "approve").status_code == 302
    draft.refresh_from_db()
    assert draft.live and draft.title == "[fr] About the alliance"
    # Approved: no longer flagged as awaiting a person.
    screen = soup_of(client.get(editor_url(draft)))
    assert screen.find(attrs={"data-hub-machine-translation": True}) is None
