from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.images.models import AbstractImage, AbstractRendition, Image


class HubImage(AbstractImage):
    """The hub's image: alt text (Wagtail's description) or an explicit decorative
    choice, plus the credit and licence a reused picture must carry."""

    is_decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_("Tick only if the image adds no information; screen readers will skip it."),
    )
    credit = models.CharField(_("credit"), max_length=255, blank=True)
    licence = models.CharField(_("licence"), max_length=255, blank=True, help_text=_("For example CC BY 4.0"))

    admin_form_fields = Image.admin_form_fields + ("is_decorative", "credit", "licence")

    @property
    def default_alt_text(self):
        if self.is_decorative:
            return ""
        return self.description or self.title

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class HubRendition(AbstractRendition):
    image = models.ForeignKey(HubImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
