"""The caches follow the search index when a worker updates it later.

A publish moves the content version at once (home.caching), but with the
database backend the search index is written afterwards by the worker. A
search made in between caches "no result" under the new version
(home.search_query.ranked_ids), and nothing would move the version again:
the page would stay unfindable until the next unrelated change. So a search
or reference index task that succeeds in a worker moves the version too.
"""

import logging

from django_tasks import TaskResultStatus
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.signals import task_finished

from home.caching import bump_content_version

logger = logging.getLogger("hub.tasks")

INDEX_TASKS = {
    "modelsearch.tasks.insert_or_update_object_task",
    "wagtail.tasks.update_reference_index_task",
}


def on_task_finished(sender, task_result, **kwargs):
    # django_tasks_db sends the backend itself or its class, depending on the outcome.
    backend = sender if isinstance(sender, type) else type(sender)
    # An immediate task ran inside the change's own request, which already moved the version.
    if issubclass(backend, ImmediateBackend):
        return
    if task_result.status != TaskResultStatus.SUCCESSFUL or task_result.task.module_path not in INDEX_TASKS:
        return
    try:
        bump_content_version()
    except Exception:  # noqa: BLE001 - the worker would record the finished task as failed
        logger.exception("Could not move the content version after %s", task_result.task.module_path)


def connect():
    task_finished.connect(on_task_finished, dispatch_uid="hub_index_catch_up")
