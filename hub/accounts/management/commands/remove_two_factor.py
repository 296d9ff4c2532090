from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from hub.accounts.two_factor import remove_two_factor


class Command(BaseCommand):
    help = (
        "Remove a staff member's authenticator app and recovery codes, for someone who lost both. "
        "If their role requires two-factor authentication, they set it up again at their next sign-in."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist as error:
            raise CommandError(f"No user named {username!r}.") from error
        remove_two_factor(user=user)
        self.stdout.write(f"Two-factor authentication removed for {username}.")
