"""django_tasks_db's worker with two guarantees it lacks: no task runs for ever,
and no task is left RUNNING for ever by a worker that died.

- Each task gets HUB_TASK_TIME_LIMIT seconds (SIGALRM in the worker's main
  thread, where tasks run); past that it raises TaskTimedOut and is recorded
  as FAILED like any other error.
- On start, and once a minute in a background thread, RUNNING tasks whose
  worker is gone are queued again or marked failed
  (home.background.recovery.recover_lost_tasks).

Give each worker a stable `--worker-id` (e.g. the host name and a slot
number): a worker restarted under its own id takes back what it was running
at once; any other lost task is found after the time limit.

This command shadows django_tasks_db's own `db_worker` (home comes first in
INSTALLED_APPS) and takes the same options.
"""

import signal
import threading

from django.db import DatabaseError, close_old_connections, connection

from django_tasks_db.management.commands import db_worker

from home.background.recovery import TaskTimedOut, logger, recover_lost_tasks, time_limit

RECOVERY_INTERVAL = 60


class Worker(db_worker.Worker):
    def run(self) -> None:
        recover_lost_tasks(worker_id=self.worker_id)
        connection.close()
        self._stop = threading.Event()
        watcher = threading.Thread(target=self._recover_periodically, name="lost-task-recovery", daemon=True)
        watcher.start()
        try:
            super().run()
        finally:
            self._stop.set()

    def _recover_periodically(self) -> None:
        while not self._stop.wait(RECOVERY_INTERVAL):
            try:
                recover_lost_tasks()
            except DatabaseError as error:
                # A locked SQLite file or a database restart: the next pass tries again.
                logger.warning("Could not look for lost tasks: %s", error.__class__.__name__)
            finally:
                close_old_connections()
                connection.close()

    def run_task(self, db_task_result) -> None:
        if threading.current_thread() is not threading.main_thread():
            # --reload runs the worker in a thread of its own, where no signal can be set:
            # a development convenience, without the time limit.
            return super().run_task(db_task_result)
        limit = time_limit()
        previous = signal.signal(signal.SIGALRM, _time_is_up)
        signal.alarm(limit)
        try:
            super().run_task(db_task_result)
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)


def _time_is_up(signum, frame):
    raise TaskTimedOut(f"the task ran past HUB_TASK_TIME_LIMIT ({time_limit()} s) and was stopped")


class Command(db_worker.Command):
    help = "Run a database background worker that stops overlong tasks and recovers lost ones"

    def handle(self, *args, **options):
        # django_tasks_db builds its Worker by name inside handle(); this module's Worker replaces it there.
        original = db_worker.Worker
        db_worker.Worker = Worker
        try:
            return super().handle(*args, **options)
        finally:
            db_worker.Worker = original
