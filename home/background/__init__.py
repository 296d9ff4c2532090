"""Background tasks: what runs in `manage.py db_worker`, and what happens when it fails.

With `TASKS_BACKEND=database` every task of the site is a row of
django_tasks_db's `DBTaskResult`, run by `manage.py db_worker` (the command in
home/management/commands/db_worker.py, django_tasks_db's worker with a time
limit and a recovery of lost tasks). The site's tasks are:

- Wagtail's own: the search index after a save (`insert_or_update_object_task`),
  the reference index, image focal points, file deletions, and the CDN purge
  (`purge_urls_from_cache_task`, home/caching/frontend.py);
- the site's e-mails (`home.background.mail`): the submission notices and
  Wagtail's workflow notices. Their arguments are ids and roles, never
  addresses, so a task row (and the operators' report) holds no personal data.

Failures are never dropped (`home.background.recovery`):
- a task that raises is FAILED with its error; operators see it in the admin
  (Reports > Failed tasks, `home.background.views`) and re-run it there or with
  `manage.py rerun_failed_tasks`;
- a task that runs past `HUB_TASK_TIME_LIMIT` is stopped by the worker and
  FAILED;
- a task whose worker died (killed, machine lost) stays RUNNING in the table;
  a worker starting (and every running worker, once a minute) puts it back in
  the queue, up to `HUB_TASK_MAX_ATTEMPTS` runs, then marks it FAILED.
"""


def connect():
    from home.background.catch_up import connect as connect_catch_up

    connect_catch_up()
