"""Real servers for the tests: a database of their own and gunicorn on a free port.

    database = Database("probe", workdir)            # SQLite file, or a PostgreSQL database
    database.prepare(django_db_blocker, env)           # a copy of the migrated test database
    env = server_env(database, workdir, DJANGO_SETTINGS_MODULE="hub.settings.production")
    manage(env, "load_demo_content")
    with Server(env, workdir) as server:              # waits for /healthz, stops afterwards
        requests.get(server.url + "/")
    database.drop()                                    # a PostgreSQL run leaves nothing behind

The server's database starts as a copy of the suite's freshly migrated test database
(SQLite's backup API, PostgreSQL's `CREATE DATABASE ... TEMPLATE`), so no migrations run
again: migrating from nothing costs a server 10-30 s of CPU. On PostgreSQL the
database is named after the suite's, the server and the pytest-xdist worker, so two
workers never share or drop each other's.
"""

import contextlib
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[1]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_admin(url, *statements):
    """Statements run on the `postgres` database of the server `url` names (CREATE/DROP DATABASE)."""
    import psycopg

    with psycopg.connect(urlunparse(urlparse(url)._replace(path="/postgres")), autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


class Database:
    """A server's own database: `<name>.sqlite3` in `workdir`, or, when the suite runs on
    PostgreSQL (DATABASE_URL), `<suite database>_<name>[_<xdist worker>]` on that server."""

    def __init__(self, name, workdir):
        suite_url = os.environ.get("DATABASE_URL", "")
        if suite_url.startswith("postgres"):
            parts = urlparse(suite_url)
            worker = os.environ.get("PYTEST_XDIST_WORKER")
            self.name = f"{parts.path.lstrip('/') or 'postgres'}_{name}" + (f"_{worker}" if worker else "")
            self.url = urlunparse(parts._replace(path=f"/{self.name}"))
            self.path = None
        else:
            self.path = Path(workdir) / f"{name}.sqlite3"
            self.name = str(self.path)
            self.url = f"sqlite:///{self.path}"

    @classmethod
    def at(cls, url):
        """The database a URL names (SQLite file or PostgreSQL database)."""
        database = cls.__new__(cls)
        database.url = url
        if url.startswith("postgres"):
            database.name, database.path = urlparse(url).path.lstrip("/"), None
        else:
            database.path = Path(urlparse(url).path)
            database.name = str(database.path)
        return database

    @property
    def is_postgres(self):
        return self.path is None

    def prepare(self, django_db_blocker, env):
        """A copy of the migrated test database when one can be made, else an empty
        database migrated from nothing (with `env`, the server's environment)."""
        if not self.copy_of_the_test_database(django_db_blocker):
            self.create_empty()
            manage({**env, "DATABASE_URL": self.url}, "migrate", "--noinput")
        return self

    def copy_of_the_test_database(self, django_db_blocker):
        """The suite's test database copied into this one: True if copied.

        Only while no test or wider fixture holds a transaction open on it (the copy
        would miss or include rows it should not) and while it still holds what the
        migrations put there (a transactional test's flush empties it)."""
        from django.db import connection
        from django.db.backends.base.creation import TEST_DATABASE_PREFIX

        with django_db_blocker.unblock():
            # pytest-django makes no test database when no collected test uses one:
            # the connection then names the real database, which is never copied.
            if connection.vendor == "sqlite":
                is_test_database = connection.is_in_memory_db()
            else:
                is_test_database = connection.settings_dict["NAME"].startswith(TEST_DATABASE_PREFIX)
            if not is_test_database or connection.in_atomic_block or not _has_migrated_rows(connection):
                return False
            if connection.vendor == "sqlite" and not self.is_postgres:
                self.path.unlink(missing_ok=True)
                connection.ensure_connection()
                with contextlib.closing(sqlite3.connect(self.path)) as target:
                    connection.connection.backup(target)
                return True
            template = connection.settings_dict["NAME"]
            if connection.vendor == "postgresql" and self.is_postgres:
                import psycopg

                # PostgreSQL copies a database only while no one else is connected to it;
                # Django reconnects at the next query.
                connection.close()
                try:
                    postgres_admin(
                        self.url,
                        f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)',
                        f'CREATE DATABASE "{self.name}" TEMPLATE "{template}"',
                    )
                except psycopg.Error:
                    return False
                return True
        return False

    def create_empty(self):
        if self.is_postgres:
            postgres_admin(
                self.url, f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)', f'CREATE DATABASE "{self.name}"'
            )
        else:
            self.path.unlink(missing_ok=True)

    def rows(self, sql, *params):
        """Plain SQL from the test process (`%s` placeholders on both engines)."""
        if self.is_postgres:
            import psycopg

            with psycopg.connect(self.url) as conn:
                return conn.execute(sql, params).fetchall()
        with contextlib.closing(sqlite3.connect(self.path)) as conn:
            return conn.execute(sql.replace("%s", "?"), params).fetchall()

    def drop(self):
        if self.is_postgres:
            postgres_admin(self.url, f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        else:
            self.path.unlink(missing_ok=True)


def _has_migrated_rows(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM wagtailcore_page WHERE depth = 1")
        return cursor.fetchone()[0] == 1


def server_env(database, workdir, **overrides):
    """The environment of a server process: the test settings on `database`, media and
    the content-version file in `workdir` (shared by its workers, no one else's)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.test",
        "DATABASE_URL": database.url,
        "MEDIA_ROOT": str(Path(workdir) / "media"),
        "HUB_CONTENT_VERSION_FILE": str(Path(workdir) / "content-version"),
        **overrides,
    }
    # The server is not one of pytest-xdist's workers (hub/settings/test.py keys files on it).
    env.pop("PYTEST_XDIST_WORKER", None)
    return env


def manage(env, *command):
    """`manage.py <command>` in the server's environment; its output, or an error with its end."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *command], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(command)} failed: {(done.stdout + done.stderr)[-3000:]}")
    return done.stdout


class Server:
    """gunicorn (`workers` processes) for `env` on a free 127.0.0.1 port, ready once
    /healthz answers 200 (asked with `health_headers`, e.g. an allowed Host)."""

    def __init__(self, env, workdir, *, workers=2, health_headers=None, timeout=60, argv=None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(workdir) / "server.log"
        self.argv = argv or [
            sys.executable,
            "-m",
            "gunicorn",
            "hub.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(workers),
        ]
        self.env = env
        self.health_headers = health_headers or {}
        self.timeout = timeout
        self.process = None

    def start(self):
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(self.argv, env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + self.timeout
        request = urllib.request.Request(f"{self.url}/healthz", headers=self.health_headers)
        while True:
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    if response.status == 200:
                        return self
            except OSError:  # not listening yet, still loading, or not healthy yet
                pass
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"the server did not start: {self.log()[-2000:]}")
            time.sleep(0.2)

    def log(self):
        return self.log_path.read_text(errors="replace")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()
