"""Background tasks with real worker processes (issue 11, items 3 and 7).

The site runs on a database of its own (a copy of the migrated test
database: a SQLite file, or a PostgreSQL database named after DATABASE_URL's)
with TASKS_BACKEND=database: gunicorn serves it, `manage.py db_worker` runs
its tasks, and `manage.py shell` plays the editor. Mail goes over SMTP to a
port of the test's own: closed (the mail server is down), a sink that keeps
the messages, or a server that never answers.
"""

import datetime
import json
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import quote

import pytest

from tests.mail_servers import SilentServer, SMTPSink
from tests.servers import ROOT, Database, Server, free_port, server_env

TITLE = "Quokka cartography of seasonal herders"
SUBMITTER_NAME = "Worker Test Submitter"
SUBMITTER_EMAIL = "worker.submitter@example.net"
MODERATOR_EMAIL = "worker-moderator@example.org"

SETUP = f"""
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from tests.factories import build_site
tree = build_site()
User = get_user_model()
User.objects.create_superuser("worker-admin", "worker-admin@example.org", "password")
editor = User.objects.create_user("worker-editor", "worker-editor@example.org", "password")
editor.groups.add(Group.objects.get(name="Editors"))
moderator = User.objects.create_user("worker-moderator", {MODERATOR_EMAIL!r}, "password")
moderator.groups.add(Group.objects.get(name="Moderators"))
print(json.dumps({{"news_index": tree["news_index"].pk}}))
"""

SUBMISSION = f"""
import json
from home.submissions.models import Submission
submission = Submission.objects.create(
    kind="entry", submitter_name={SUBMITTER_NAME!r}, submitter_email={SUBMITTER_EMAIL!r}
)
"""

# Signed in without a request address: django-axes would record "unknown", which PostgreSQL's inet refuses.
SIGN_IN = """
import json
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
client = Client()
with override_settings(AXES_ENABLED=False):
    client.force_login(get_user_model().objects.get(username=USERNAME))
"""

REPORT = (
    SIGN_IN
    + """
response = client.get("/admin/reports/failed-tasks/")
print(json.dumps({"status": response.status_code, "html": response.content.decode()}))
"""
)

RERUN_ALL = (
    SIGN_IN
    + """
response = client.post("/admin/reports/failed-tasks/rerun/", {"all": "1"})
print(json.dumps({"status": response.status_code}))
"""
)

TASK_ROW = """
import json
from django_tasks_db.models import DBTaskResult
row = DBTaskResult.objects.get(pk=TASK_ID)
print(json.dumps({"status": row.status, "worker_ids": row.worker_ids, "error": row.exception_class_path,
                  "traceback": row.traceback}))
"""


class Site:
    def __init__(self, workdir, env):
        self.workdir = workdir
        self.env = env
        self.base = None

    def manage(self, *args, env=None, timeout=120):
        done = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            env={**self.env, **(env or {})},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, (args, done.stdout[-2000:], done.stderr[-3000:])
        return done.stdout

    def shell(self, code, **names):
        """Runs `code` in `manage.py shell` with `names` bound; returns the JSON it printed last."""
        prelude = "".join(f"{name} = {value!r}\n" for name, value in names.items())
        output = self.manage("shell", "-c", prelude + code)
        return json.loads(output.strip().splitlines()[-1])

    def worker(self, *args, env=None, name="worker"):
        log = self.workdir / f"{name}.log"
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "db_worker", "--no-reload", "--no-startup-delay"]
            + ["--interval", "0.2", *args],
            env={**self.env, **(env or {})},
            cwd=ROOT,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        return process, log

    def run_batch(self, *args, env=None, name="batch"):
        """A worker that runs what is queued and exits."""
        process, log = self.worker("--batch", *args, env=env, name=name)
        returncode = process.wait(timeout=120)
        assert returncode == 0, (returncode, log.read_text()[-3000:])
        return log.read_text()

    def get(self, path):
        try:
            with urllib.request.urlopen(self.base + path, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def report(self, username="worker-admin"):
        return self.shell(REPORT, USERNAME=username)

    def task_row(self, task_id):
        return self.shell(TASK_ROW, TASK_ID=task_id)


def _stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def site(tmp_path_factory, django_db_setup, django_db_blocker):
    workdir = tmp_path_factory.mktemp("tasks-site")
    database = Database("tasks", workdir)
    mail_port = free_port()
    env = server_env(
        database,
        workdir,
        # The development settings: they keep TASKS_BACKEND (the test settings force immediate tasks).
        DJANGO_SETTINGS_MODULE="hub.settings.dev",
        TASKS_BACKEND="database",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(mail_port),
        HUB_MODERATION_EMAIL="",
        WAGTAILADMIN_BASE_URL="http://testserver",
    )
    database.prepare(django_db_blocker, env)
    site = Site(workdir, env)
    site.mail_port = mail_port
    site.ids = site.shell(SETUP)
    # What building the tree queued (its search index), done before the tests start.
    site.run_batch(name="setup")
    server = Server(env, workdir, workers=1).start()
    site.base = server.url
    yield site
    server.stop()
    database.drop()


def _wait_for(predicate, *, seconds, message):
    deadline = time.monotonic() + seconds
    while True:
        value = predicate()
        if value:
            return value
        assert time.monotonic() < deadline, message
        time.sleep(0.3)


PUBLISH = f"""
import json
from django_tasks_db.models import DBTaskResult
from home.models import NewsIndexPage, NewsPage
index = NewsIndexPage.objects.get(pk=NEWS_INDEX)
page = index.add_child(instance=NewsPage(title={TITLE!r}, slug="quokka-cartography", date="2026-11-30",
                                         intro="Herders mapped by quokka", live=False))
page.save_revision().publish()
waiting = DBTaskResult.objects.filter(status="READY", task_path="modelsearch.tasks.insert_or_update_object_task")
print(json.dumps({{"url": page.url, "waiting": waiting.count()}}))
"""


def test_the_search_index_catches_up_once_the_worker_runs_again(site):
    published = site.shell(PUBLISH, NEWS_INDEX=site.ids["news_index"])
    assert published["waiting"] >= 1, "the index update waits in the queue"
    status, html = site.get(published["url"])
    assert status == 200 and TITLE in html, "the page is live"
    status, html = site.get("/search/?q=" + quote("quokka cartography"))
    assert status == 200 and "results-heading" in html
    assert TITLE not in html, "no worker ran: the index does not have the page yet"

    worker, log = site.worker(name="catch-up")
    try:
        _wait_for(
            lambda: TITLE in site.get("/search/?q=" + quote("quokka cartography"))[1],
            seconds=90,
            message="the search never found the page after the worker started",
        )
    finally:
        _stop(worker)
    assert worker.returncode == 0, log.read_text()[-2000:]


def test_a_failed_email_is_in_the_report_without_personal_data_and_reruns(site):
    queued = site.shell(
        SUBMISSION
        + "from home.submissions.services import notify_submission_received\n"
        + "notify_submission_received(submission=submission)\n"
        + "print(json.dumps({'submission': submission.pk}))\n"
    )
    assert queued["submission"]
    # Nothing listens on the mail port: both notices (moderator, submitter) fail.
    site.run_batch(name="mail-down")
    report = site.report()
    assert report["status"] == 200
    html = report["html"]
    assert html.count("<code>home.background.mail.send_submission_email</code>") == 2, html[-3000:]
    assert "MailNotSent" in html and "ConnectionRefusedError" in html
    for secret in (SUBMITTER_EMAIL, SUBMITTER_NAME, MODERATOR_EMAIL):
        assert secret not in html, secret
    rows = site.shell(
        "import json\nfrom django_tasks_db.models import DBTaskResult\n"
        "print(json.dumps([[r.status, json.dumps(r.args_kwargs), r.traceback] for r in DBTaskResult.objects.all()]))"
    )
    assert not any(SUBMITTER_EMAIL in " ".join(row) or MODERATOR_EMAIL in " ".join(row) for row in rows)

    editor_report = site.report("worker-editor")
    assert "send_submission_email" not in editor_report["html"], "editors are not shown the report"

    with SMTPSink(site.mail_port) as sink:
        assert site.shell(RERUN_ALL, USERNAME="worker-admin")["status"] == 302
        site.run_batch(name="mail-up")
        recipients = sorted(address for message in sink.messages for address in message["to"])
    assert recipients == sorted([SUBMITTER_EMAIL, MODERATOR_EMAIL])
    assert "No failed task." in site.report()["html"]


ONE_MAIL = (
    SUBMISSION
    + "from home.background.mail import send_submission_email\n"
    + "result = send_submission_email.enqueue(submission.pk, 'submission_received_submitter', 'submitter')\n"
    + "print(json.dumps({'task': result.id}))\n"
)


def test_a_task_whose_worker_was_killed_is_run_again_when_the_worker_restarts(site):
    with SilentServer(site.mail_port):
        task_id = site.shell(ONE_MAIL)["task"]
        worker, log = site.worker("--worker-id", "slot-1", name="killed")
        try:
            _wait_for(
                lambda: f"id={task_id}" in log.read_text() and "RUNNING" in log.read_text(),
                seconds=60,
                message="the worker never started the task",
            )
        finally:
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=10)
        assert site.task_row(task_id)["status"] == "RUNNING", "the dead worker left the task running"
    with SMTPSink(site.mail_port) as sink:
        site.run_batch("--worker-id", "slot-1", name="restarted")
        received = [address for message in sink.messages for address in message["to"]]
    row = site.task_row(task_id)
    assert row["status"] == "SUCCESSFUL", row
    assert row["worker_ids"] == ["slot-1", "slot-1"], "run a second time, by the restarted worker"
    assert received == [SUBMITTER_EMAIL]


def test_a_task_past_the_time_limit_is_stopped_and_shown_as_failed(site):
    with SilentServer(site.mail_port):
        task_id = site.shell(ONE_MAIL)["task"]
        started = time.monotonic()
        site.run_batch(env={"HUB_TASK_TIME_LIMIT": "2"}, name="time-limit")
        assert time.monotonic() - started < 60
    row = site.task_row(task_id)
    assert row["status"] == "FAILED" and row["error"] == "home.background.recovery.TaskTimedOut", row
    html = site.report()["html"]
    assert "TaskTimedOut" in html and SUBMITTER_EMAIL not in html
    # Leave nothing failed behind for the other tests.
    assert site.manage("rerun_failed_tasks", "--list").strip().endswith("1 failed task(s)")
    site.shell(
        "import json\nfrom django_tasks_db.models import DBTaskResult\n"
        "print(json.dumps(DBTaskResult.objects.filter(status='FAILED').delete()[0]))"
    )


# The recovery rules on their own, in this process's test database.


def _running_row(*, worker_ids, started_minutes_ago):
    from django.utils import timezone

    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.create(
        status="RUNNING",
        args_kwargs={"args": [1, "submission_received_submitter", "submitter"], "kwargs": {}},
        task_path="home.background.mail.send_submission_email",
        backend_name="default",
        worker_ids=worker_ids,
        started_at=timezone.now() - datetime.timedelta(minutes=started_minutes_ago),
    )


@pytest.mark.django_db
def test_recovery_requeues_lost_tasks_fails_them_after_the_last_attempt_and_spares_live_ones(settings):
    from home.background.recovery import recover_lost_tasks

    settings.HUB_TASK_TIME_LIMIT = 600
    settings.HUB_TASK_MAX_ATTEMPTS = 3
    live = _running_row(worker_ids=["other"], started_minutes_ago=2)
    own = _running_row(worker_ids=["slot-2"], started_minutes_ago=1)
    stale = _running_row(worker_ids=["gone"], started_minutes_ago=30)
    exhausted = _running_row(worker_ids=["a", "b", "c"], started_minutes_ago=30)

    outcome = recover_lost_tasks(worker_id="slot-2")

    assert sorted(outcome["retried"]) == sorted([str(own.pk), str(stale.pk)])
    assert outcome["failed"] == [str(exhausted.pk)]
    for row in (live, own, stale, exhausted):
        row.refresh_from_db()
    assert live.status == "RUNNING"
    assert own.status == stale.status == "READY" and own.started_at is None
    assert exhausted.status == "FAILED" and exhausted.exception_class_path.endswith("WorkerLost")
    assert recover_lost_tasks(worker_id="slot-2") == {"retried": [], "failed": []}, "nothing twice"


@pytest.mark.django_db
def test_the_report_is_for_task_operators_and_bad_rerun_ids_are_harmless(client, editor, superuser):
    assert client.get("/admin/reports/failed-tasks/").status_code == 302, "anonymous: to the login"
    client.force_login(editor)
    response = client.get("/admin/reports/failed-tasks/")
    assert response.status_code != 200
    assert client.post("/admin/reports/failed-tasks/rerun/", {"task": "x"}).status_code != 200
    client.force_login(superuser)
    response = client.get("/admin/reports/failed-tasks/")
    assert response.status_code == 200
    assert "run immediately" in response.content.decode(), "the test settings run tasks at once"
    response = client.post("/admin/reports/failed-tasks/rerun/", {"task": ["not-a-uuid", "'; DROP"]})
    assert response.status_code == 302
