"""`manage.py set_site_address`: the default Site answers at WAGTAILADMIN_BASE_URL."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.site_address import SiteAddressError, update_default_site


class Command(BaseCommand):
    help = (
        "Create or update the default Site so that absolute links (canonical, og:url, sitemap, feeds, API, "
        "exports, iCal) use WAGTAILADMIN_BASE_URL. Safe to run on every deploy: a second run changes nothing."
    )

    def handle(self, *args, **options):
        try:
            site, changed = update_default_site()
        except SiteAddressError as error:
            raise CommandError(f"WAGTAILADMIN_BASE_URL={settings.WAGTAILADMIN_BASE_URL}: {error}") from error
        if changed:
            self.stdout.write(self.style.SUCCESS(f"The default site now answers at {site.root_url}/."))
        else:
            self.stdout.write(f"The default site already answers at {site.root_url}/; nothing changed.")
