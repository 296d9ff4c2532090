"""The demo accounts editor, steward, moderator and admin, for local use only."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

# Local demo accounts only: production settings set HUB_ALLOW_DEMO_USERS = False
# and the loader then creates none.
DEMO_PASSWORD = "bd4m-demo-local-only"
DEMO_USERS = (
    # username, group, superuser
    ("editor", "Editors", False),
    ("steward", "Data stewards", False),
    ("moderator", "Moderators", False),
    ("admin", None, True),
)


def load_demo_users(*, tally, write):
    """The demo accounts, unless settings.HUB_ALLOW_DEMO_USERS is off (production)."""
    if not getattr(settings, "HUB_ALLOW_DEMO_USERS", False):
        write("Demo users skipped: settings.HUB_ALLOW_DEMO_USERS is False (production settings). Content was loaded.")
        return
    user_model = get_user_model()
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ("Editors", "Data stewards", "Moderators")}
    existing = []
    for username, group_name, superuser in DEMO_USERS:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model(username=username, email=f"{username}@example.org", first_name=username.capitalize())
            user.is_superuser = user.is_staff = superuser
            user.set_password(DEMO_PASSWORD)
            user.save()
            tally.created("demo users")
            write(f"Created demo user '{username}' with password '{DEMO_PASSWORD}' (local use only).")
        else:
            tally.unchanged("demo users")
            existing.append(username)
        if group_name and not user.groups.filter(pk=groups[group_name].pk).exists():
            user.groups.add(groups[group_name])
            tally.note(f"Added '{username}' to the group {group_name}.")
    if existing:
        # A second `make run` prints no "Created" lines; say how to log in all the same.
        write(
            f"Log in at {settings.WAGTAILADMIN_BASE_URL}/admin/ as {', '.join(existing)} with the password "
            f"'{DEMO_PASSWORD}' set when they were created (local use only)."
        )
