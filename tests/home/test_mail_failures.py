"""A failing mail server never puts a submitter's name or address into the log
(issue 9, item 15): tested against a real closed port and a real SMTP
conversation that refuses the recipient, quoting the address as servers do."""

import logging
import socket
import socketserver
import threading

import pytest

from tests.directory.test_submissions import EMAIL, URL, entry_data, terms  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


class RefusingSMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP to reach RCPT TO, which it refuses with the address quoted."""

    def reply(self, line):
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        self.reply("220 mail.test ESMTP")
        for raw in self.rfile:
            command = raw.decode(errors="replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb in {"EHLO", "HELO"}:
                self.reply("250 mail.test")
            elif verb == "MAIL":
                self.reply("250 2.1.0 Ok")
            elif verb == "RCPT":
                address = command.partition(":")[2].strip()
                self.reply(f"550 5.1.1 {address}: Recipient address rejected")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("250 Ok")


@pytest.fixture
def refusing_smtp_server():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), RefusingSMTPHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def submit_and_read_log(client, terms, settings, caplog, port, capture):  # noqa: F811
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    hub_logger = logging.getLogger("hub")
    hub_logger.addHandler(caplog.handler)
    try:
        with caplog.at_level(logging.DEBUG), capture(execute=True):
            response = client.post(URL, entry_data(terms))
    finally:
        hub_logger.removeHandler(caplog.handler)
    assert response.status_code == 302
    return caplog.text + "".join(str(record.exc_info) for record in caplog.records if record.exc_info)


def test_a_refused_recipient_is_logged_without_the_address(
    client,
    terms,  # noqa: F811
    settings,
    caplog,
    refusing_smtp_server,
    django_capture_on_commit_callbacks,
):
    log = submit_and_read_log(client, terms, settings, caplog, refusing_smtp_server, django_capture_on_commit_callbacks)
    assert "Could not send" in log and "SMTPRecipientsRefused" in log
    assert EMAIL not in log and "Amina" not in log


def test_a_closed_mail_port_is_logged_without_the_address(
    client,
    terms,  # noqa: F811
    settings,
    caplog,
    django_capture_on_commit_callbacks,
):
    log = submit_and_read_log(client, terms, settings, caplog, closed_port(), django_capture_on_commit_callbacks)
    assert "Could not send" in log and "ConnectionRefusedError" in log
    assert EMAIL not in log and "Amina" not in log
