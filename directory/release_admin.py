"""The moderators' screen that makes today's directory release (Settings menu,
registered in directory/wagtail_hooks.py)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from wagtail.admin import messages

from directory.releases import make_release

VIEW_NAME = "directory_releases_admin"


def can_make_releases(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name="Moderators").exists())


def releases_admin(request):
    from directory.models import DirectoryIndexPage, DirectoryRelease

    if not can_make_releases(request.user):
        raise PermissionDenied
    index = DirectoryIndexPage.objects.live().public().first()
    if request.method == "POST":
        if index is None:
            messages.error(request, _("There is no live, public directory page to release."))
        else:
            release, created = make_release(index=index)
            if created:
                messages.success(request, _("Release %(version)s made.") % {"version": release.version})
            else:
                messages.warning(
                    request,
                    _("Release %(version)s already exists; nothing was changed.") % {"version": release.version},
                )
        return redirect(VIEW_NAME)
    context = {
        "header_title": _("Directory releases"),
        "releases": DirectoryRelease.objects.order_by("-date"),
        "public_url": (index.url + index.reverse_subpage("releases")) if index else None,
    }
    return TemplateResponse(request, "directory/admin/releases.html", context)
