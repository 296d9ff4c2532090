"""Failed and lost tasks: found, shown without personal data, and run again.

django_tasks_db records a task that raised as FAILED, but a task whose worker
died (SIGKILL, out of memory, a lost machine) stays RUNNING for ever: nothing
in django_tasks_db looks at it again. `recover_lost_tasks` does, from the
worker (home/management/commands/db_worker.py) when it starts and once a
minute after. A RUNNING row is lost when

- its last worker id is the id of the worker now starting (ids are unique in
  the pool, so that worker is gone), or
- it started longer ago than HUB_TASK_TIME_LIMIT plus a minute: a live worker
  stops every task at that limit, so no living worker still runs it.

A lost task is queued again until it has been started HUB_TASK_MAX_ATTEMPTS
times, then marked FAILED with WorkerLost, where operators see it.
"""

import datetime
import logging
import re

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from django_tasks import TaskResultStatus

logger = logging.getLogger("hub.tasks")

GRACE = datetime.timedelta(seconds=60)
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


class WorkerLost(Exception):
    """The worker running the task stopped before the task finished."""


class TaskTimedOut(BaseException):
    """The task ran past HUB_TASK_TIME_LIMIT and the worker stopped it. A BaseException, as
    KeyboardInterrupt is, so the `except Exception` of a task or a library cannot swallow it."""


def time_limit() -> int:
    return int(getattr(settings, "HUB_TASK_TIME_LIMIT", 600))


def max_attempts() -> int:
    return int(getattr(settings, "HUB_TASK_MAX_ATTEMPTS", 3))


def _results():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects


def recover_lost_tasks(*, worker_id: str | None = None, now=None) -> dict:
    """Queue again, or mark failed, the RUNNING tasks whose worker is gone. Returns the ids
    of the tasks {"retried": [...], "failed": [...]}."""
    now = now or timezone.now()
    stale_before = now - datetime.timedelta(seconds=time_limit()) - GRACE
    running = list(_results().filter(status=TaskResultStatus.RUNNING).only("id", "worker_ids", "started_at"))
    outcome = {"retried": [], "failed": []}
    for row in running:
        own = bool(worker_id) and bool(row.worker_ids) and row.worker_ids[-1] == worker_id
        if not own and (row.started_at is None or row.started_at > stale_before):
            continue
        attempts = len(row.worker_ids)
        # Conditional on the row being as read: another worker recovering at the same time changes nothing twice.
        same = _results().filter(pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at)
        if attempts < max_attempts():
            if same.update(status=TaskResultStatus.READY, started_at=None):
                outcome["retried"].append(str(row.pk))
                logger.warning("Task %s was lost with its worker; queued again (attempt %d)", row.pk, attempts + 1)
        else:
            message = (
                f"{WorkerLost.__module__}.{WorkerLost.__qualname__}: the worker stopped while running "
                f"this task, {attempts} times; not retried again"
            )
            if same.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=message,
            ):
                outcome["failed"].append(str(row.pk))
                logger.error("Task %s was lost with its worker %d times; marked failed", row.pk, attempts)
    return outcome


def failed_results():
    return _results().filter(status=TaskResultStatus.FAILED).order_by("-finished_at")


def rerun(result_ids) -> list[str]:
    """Queue each failed task again as a new task with the same arguments, and remove the
    failed row (its error is in the log): returns the new ids. Unknown or not-failed
    ids are left alone."""
    new_ids = []
    for row in failed_results().filter(pk__in=list(result_ids)):
        task = row.task
        with transaction.atomic():
            new = task.enqueue(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
            logger.warning("Failed task %s (%s) queued again as %s", row.pk, row.task_path, new.id)
            row.delete()
        new_ids.append(str(new.id))
    return new_ids


def summary(row) -> dict:
    """What an operator is shown of a failed task: its name, arguments (ids, URLs),
    times, attempts and the error's last line; any e-mail address is masked, in case
    a library quoted one."""
    lines = [line for line in (row.traceback or "").strip().splitlines() if line.strip()]
    error = lines[-1] if lines else row.exception_class_path
    arguments = ", ".join(
        [repr(value) for value in row.args_kwargs.get("args", [])]
        + [f"{key}={value!r}" for key, value in row.args_kwargs.get("kwargs", {}).items()]
    )
    return {
        "id": str(row.pk),
        "task": row.task_path,
        "arguments": EMAIL_RE.sub("[address]", arguments)[:300],
        "error": EMAIL_RE.sub("[address]", error)[:500],
        "enqueued_at": row.enqueued_at,
        "finished_at": row.finished_at,
        "attempts": len(row.worker_ids),
    }
