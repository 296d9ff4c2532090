"""The submission safeguards hold across processes without Redis, and the move
of submissions from `directory` to `home` keeps every row and the Moderators'
access.

One real site for the module: gunicorn with two worker processes and the
embedded default cache (local memory, one per process), on a database of its
own, SQLite or (when the suite runs on PostgreSQL) a PostgreSQL database
created and dropped here (tests/servers.py). The database is taken back to just
before the move, given a submission and a moderator, then migrated to the end.
"""

import re
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.servers import Database, Server, manage, server_env

LIMIT = 5
OLD_SUBMITTER = "Ngozi Before-the-move"

# Runs inside the server's environment, on the database as it was before the move.
SEED_BEFORE_THE_MOVE = f"""
from django.contrib.auth.models import Group, User
from django.db import connection

moderator = User.objects.create_user("inbox-moderator", "moderator@example.org", "a long test password")
Group.objects.get(name="Moderators").user_set.add(moderator)
with connection.cursor() as cursor:
    cursor.execute("SELECT id FROM wagtailcore_page WHERE depth = 1")
    root_id = cursor.fetchone()[0]
    cursor.execute(
        "INSERT INTO directory_submission (id, kind, status, submitter_name, submitter_email,"
        " submitter_organisation, message, created_at, page_id)"
        " VALUES (41, 'entry', 'in_review', %s, 'ngozi@example.org', 'Old Institute', '', '2024-05-01 10:00:00', %s)",
        [{OLD_SUBMITTER!r}, root_id],
    )
"""
BUILD_SITE = "from tests.factories import build_site; build_site()"


@pytest.fixture(scope="module")
def site(tmp_path_factory, django_db_setup, django_db_blocker):
    workdir = tmp_path_factory.mktemp("submission-state")
    database = Database("submission_state", workdir)
    env = server_env(
        database,
        workdir,
        HUB_SUBMISSION_RATE_LIMIT=str(LIMIT),
        # Each test speaks for its own client addresses.
        HUB_TRUST_X_FORWARDED_FOR="1",
    )
    env.pop("REDIS_URL", None)
    # From a copy of the migrated test database, back to just before the move (two
    # migrations undone: home 0006 and directory 0004, which depends on it) and forward.
    database.prepare(django_db_blocker, env)
    try:
        manage(env, "migrate", "home", "0005_featured_and_related_links_to_pages", "--noinput")
        manage(env, "shell", "-c", SEED_BEFORE_THE_MOVE)
        manage(env, "migrate", "--noinput")
        manage(env, "shell", "-c", BUILD_SITE)
        with Server(env, workdir, workers=2) as server:
            yield {"url": server.url, "database": database}
    finally:
        database.drop()


def _open_form(base_url, path):
    """Cookies and fields of a freshly opened form, as a browser holds them."""
    session = requests.Session()
    page = session.get(base_url + path, timeout=10).text
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]+)"', page))
    return session.cookies.get_dict(), fields


def _entry(title, submitter, form_fields, **overrides):
    return {
        "title": title,
        "summary": "Mobile phone records estimate seasonal moves between districts.",
        "organisations": "A Statistics Office",
        "status": "ongoing",
        "submitter_name": submitter,
        "submitter_email": "state.check@example.org",
        "website_url": "",
        **form_fields,
        **overrides,
    }


def _post_all_at_once(base_url, posts):
    """Send every (data, client address) POST at the same moment; the status codes."""
    start = threading.Barrier(len(posts))

    def send(post):
        data, address, cookies = post
        start.wait()
        response = requests.post(
            f"{base_url}/directory/submit/",
            data=data,
            cookies=cookies,
            headers={"X-Forwarded-For": address},
            allow_redirects=False,
            timeout=60,
        )
        return response.status_code

    with ThreadPoolExecutor(max_workers=len(posts)) as pool:
        return sorted(pool.map(send, posts))


def _recorded(database, submitter):
    return database.rows("SELECT COUNT(*) FROM home_submission WHERE submitter_name = %s", submitter)[0][0]


def test_the_submission_limit_holds_across_worker_processes(site):
    cookies, fields = _open_form(site["url"], "/directory/submit/")
    posts = [
        (
            _entry(f"Seasonal moves {number}", "Rate check", fields, form_token=uuid.uuid4().hex),
            "203.0.113.50",
            cookies,
        )
        for number in range(2 * LIMIT)
    ]
    statuses = _post_all_at_once(site["url"], posts)
    assert statuses == [302] * LIMIT + [429] * LIMIT
    assert _recorded(site["database"], "Rate check") == LIMIT


def test_one_form_sent_twenty_times_at_once_is_recorded_once(site):
    cookies, fields = _open_form(site["url"], "/directory/submit/")
    assert len(fields["form_token"]) == 32
    data = _entry("Sent twenty times", "Token check", fields)
    # From twenty addresses, so only the once-only token can stop the copies.
    statuses = _post_all_at_once(site["url"], [(data, f"198.51.100.{number}", cookies) for number in range(20)])
    assert statuses == [302] * 20
    assert _recorded(site["database"], "Token check") == 1


def test_the_move_to_home_keeps_every_submission_and_the_moderators_inbox(site):
    database = site["database"]
    assert database.rows("SELECT id, kind, status, submitter_email FROM home_submission WHERE id = 41") == [
        (41, "entry", "in_review", "ngozi@example.org")
    ]
    assert database.rows(
        "SELECT COUNT(*) FROM django_content_type WHERE model = 'submission' AND app_label = 'directory'"
    ) == [(0,)]

    moderator = requests.Session()
    login_page = moderator.get(f"{site['url']}/admin/login/", timeout=10).text
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
    signed_in = moderator.post(
        f"{site['url']}/admin/login/",
        data={"username": "inbox-moderator", "password": "a long test password", "csrfmiddlewaretoken": csrf},
        headers={"Referer": f"{site['url']}/admin/login/"},
        timeout=10,
    )
    assert signed_in.status_code == 200 and "/admin/login/" not in signed_in.url

    inbox = moderator.get(f"{site['url']}/admin/home/submission/", timeout=10)
    assert inbox.status_code == 200
    assert OLD_SUBMITTER in inbox.text
    assert moderator.get(f"{site['url']}/admin/home/submission/inspect/41/", timeout=10).status_code == 200
    # Links in e-mails sent before the move still lead to the submission.
    old_link = moderator.get(f"{site['url']}/admin/directory/submission/inspect/41/", timeout=10)
    assert old_link.status_code == 200 and old_link.url.endswith("/admin/home/submission/inspect/41/")
