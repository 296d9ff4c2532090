"""Admin report of failed background tasks, with a Re-run button.

Written by hand because django_tasks_db's own admin (django.contrib.admin, not
routed on this site) is read-only: it has no action to run a task again, and
it shows the whole traceback and arguments as stored. This report shows what
`home.background.recovery.summary` keeps (no personal data: the e-mail tasks
carry ids only, and any address a library quoted is masked).

Listing needs `django_tasks_database.view_dbtaskresult`; re-running needs
`django_tasks_database.change_dbtaskresult` (superusers have both).
"""

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from django_tasks import TaskResultStatus

from home.background.recovery import failed_results, recover_lost_tasks, rerun, summary

VIEW_PERMISSION = "django_tasks_database.view_dbtaskresult"
RERUN_PERMISSION = "django_tasks_database.change_dbtaskresult"


def uses_database_backend() -> bool:
    return settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def failed_tasks(request):
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied
    context = {"database_backend": uses_database_backend(), "can_rerun": request.user.has_perm(RERUN_PERMISSION)}
    if context["database_backend"]:
        from django_tasks_db.models import DBTaskResult

        page = Paginator(failed_results(), 50).get_page(request.GET.get("p"))
        context.update(
            page=page,
            failures=[summary(row) for row in page.object_list],
            waiting=DBTaskResult.objects.filter(status=TaskResultStatus.READY).count(),
            running=DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count(),
        )
    return TemplateResponse(request, "background/failed_tasks.html", context)


@require_POST
def rerun_tasks(request):
    if not request.user.has_perm(RERUN_PERMISSION):
        raise PermissionDenied
    if uses_database_backend():
        # Lost tasks first, so a task stuck with a dead worker can be re-run from here too.
        recover_lost_tasks()
        if "all" in request.POST:
            ids = [str(pk) for pk in failed_results().values_list("pk", flat=True)]
        else:
            ids = _valid_uuids(request.POST.getlist("task"))
        new_ids = rerun(ids)
        count = len(new_ids)
        messages.success(
            request,
            ngettext("%(count)s task queued again.", "%(count)s tasks queued again.", count) % {"count": count},
        )
    return redirect("hub_failed_tasks")


def _valid_uuids(values):
    """Ids as posted, the malformed ones dropped (a bad id must not give a 500)."""
    valid = []
    for value in values:
        try:
            valid.append(str(uuid.UUID(str(value))))
        except ValueError:
            continue
    return valid
