from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from home.licences import DEFAULT_LICENCE, LICENCE_CHOICES


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """What the header and footer show: editable by administrators, per site."""

    tagline = models.CharField(
        _("tagline"), max_length=200, blank=True, default="Responsible data innovation on migration"
    )
    footer_text = models.TextField(
        _("footer text"),
        blank=True,
        default=(
            "The Big Data for Migration Alliance is convened by the European Commission's "
            "Knowledge Centre on Migration and Demography and IOM's Global Migration Data Analysis Centre."
        ),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    default_social_image = models.ForeignKey(
        "home.HubImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when a shared page has no image of its own"),
    )

    data_licence = models.CharField(
        _("licence of the open data"),
        max_length=20,
        choices=LICENCE_CHOICES,
        default=DEFAULT_LICENCE,
        help_text=_("Stated on the directory and in its exports, API, data package, catalogue and citations"),
    )

    panels = [
        FieldPanel("tagline"),
        FieldPanel("footer_text"),
        FieldPanel("contact_email"),
        FieldPanel("data_licence"),
        MultiFieldPanel([FieldPanel("privacy_page"), FieldPanel("default_social_image")], heading=_("Links")),
    ]

    class Meta:
        verbose_name = _("site settings")
