from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and news")

    def ready(self):
        from home.background import connect as connect_background
        from home.caching import restrictions
        from home.caching.invalidation import connect
        from home.media_privacy import connect_receivers
        from home.privacy_scan.signals import connect_receivers as connect_scan_receivers
        from home.semantic.indexing import connect as connect_semantic
        from home.submissions.signals import connect_receivers as connect_submission_receivers

        connect()
        restrictions.install()
        connect_receivers()
        connect_submission_receivers()
        connect_scan_receivers()
        connect_background()
        connect_semantic()
