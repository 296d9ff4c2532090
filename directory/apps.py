from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Data Innovation Directory")

    def ready(self):
        from directory.signals import connect_receivers

        connect_receivers()
