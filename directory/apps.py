from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Data Innovation Directory")

    def ready(self):
        from directory.signal_handlers import register_signal_handlers

        register_signal_handlers()
