"""Registers the Failed tasks report (home.background.views) in the admin's Reports menu."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home.background import views


class FailedTasksMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.VIEW_PERMISSION)


@hooks.register("register_admin_urls")
def failed_tasks_urls():
    return [
        path("reports/failed-tasks/", views.failed_tasks, name="hub_failed_tasks"),
        path("reports/failed-tasks/rerun/", views.rerun_tasks, name="hub_failed_tasks_rerun"),
    ]


@hooks.register("register_reports_menu_item")
def failed_tasks_menu_item():
    return FailedTasksMenuItem("Failed tasks", reverse("hub_failed_tasks"), icon_name="warning", order=900)
