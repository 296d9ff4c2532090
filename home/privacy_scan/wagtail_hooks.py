"""The scan in the admin: a banner on the page editor ("2 possible e-mail
addresses in Body: ...") and a screen to mark each finding as checked, logged
in the page's history; a draft saved while in review is scanned again.
Registered through home/wagtail_hooks.py."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin import messages
from wagtail.log_actions import log
from wagtail.models import Page

from home.privacy_scan.models import PersonalDataFinding, describe_kind
from home.privacy_scan.services import findings_summary, mark_checked, scan_page, user_can_check_findings

CHECKED_ACTION = "hub.personal_data_checked"


def findings_banner(page) -> str:
    """'Personal-data scan: 2 possible e-mail addresses in Body (“a@b.org”, “c@d.org”)...' or ''."""
    groups = {}
    for finding in PersonalDataFinding.objects.filter(page_id=page.pk, checked_at__isnull=True):
        groups.setdefault((finding.kind, finding.field), []).append(finding.matched_text)
    if not groups:
        return ""
    parts = [
        f"{describe_kind(kind, len(texts))} in {field} ({', '.join(f'“{text}”' for text in texts)})"
        for (kind, field), texts in groups.items()
    ]
    return _("Personal-data scan: %(findings)s. Approval waits until each is checked.") % {"findings": "; ".join(parts)}


@hooks.register("before_edit_page")
def warn_about_personal_data(request, page):
    if request.method != "GET":
        return None
    banner = findings_banner(page)
    if banner:
        buttons = [messages.button(reverse("hub_personal_data_findings", args=[page.pk]), _("Check the findings"))]
        messages.warning(request, banner, buttons=buttons)
    return None


@hooks.register("after_edit_page")
def rescan_after_edit(request, page):
    # A reviewer who removes an address from the draft sees its finding go at once.
    if page.workflow_in_progress:
        scan_page(page=page)


def findings_view(request, page_id):
    """The page's findings; a reviewer marks each as checked (removed, or allowed with a note)."""
    page = get_object_or_404(Page, pk=page_id).specific
    can_check = user_can_check_findings(user=request.user, page=page)
    if not (can_check or page.permissions_for_user(request.user).can_edit()):
        raise PermissionDenied
    findings = PersonalDataFinding.objects.filter(page_id=page.pk).select_related("checked_by")
    if request.method == "POST":
        if not can_check:
            raise PermissionDenied
        ids = [value for value in request.POST.getlist("finding") if value.isdigit()]  # no 500 on junk
        chosen = findings.filter(pk__in=ids, checked_at__isnull=True)
        note = request.POST.get("note", "").strip()
        checked = [mark_checked(finding=finding, user=request.user, note=note) for finding in chosen]
        if checked:
            # One entry per action: the history shows one row per user action anyway.
            log(
                instance=page,
                action=CHECKED_ACTION,
                user=request.user,
                data={
                    "findings": [{"kind": f.get_kind_display(), "field": f.field} for f in checked],
                    "note": note[:255],
                },
            )
        if checked:
            messages.success(request, _("%(count)d finding(s) marked as checked.") % {"count": len(checked)})
        else:
            messages.error(request, _("Choose at least one finding to mark as checked."))
        return redirect("hub_personal_data_findings", page.pk)
    return TemplateResponse(
        request,
        "privacy_scan/findings.html",
        {
            "page": page,
            "findings": findings,
            "unchecked": [f for f in findings if f.checked_at is None],
            "summary": findings_summary(findings),
            "can_check": can_check,
            "header_title": _("Personal-data findings: %(title)s") % {"title": page.get_admin_display_title()},
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        },
    )


@hooks.register("register_admin_urls")
def register_findings_urls():
    return [path("personal-data/<int:page_id>/", findings_view, name="hub_personal_data_findings")]


@hooks.register("register_log_actions")
def register_checked_action(actions):
    from wagtail.log_actions import LogFormatter

    @actions.register_action(CHECKED_ACTION)
    class CheckedFormatter(LogFormatter):
        label = gettext_lazy("Personal-data finding checked")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            findings = "; ".join(f"{item['kind']} in {item['field']}" for item in data.get("findings", []))
            message = _("Personal-data findings checked: %(findings)s") % {"findings": findings}
            return f"{message}. {_('Note')}: {data['note']}" if data.get("note") else message
