from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.images.forms import BaseImageForm


class HubImageForm(BaseImageForm):
    """Alt text is required unless the editor says the image is decorative."""

    def clean(self):
        cleaned = super().clean()
        if "description" in self.fields and "is_decorative" in self.fields:
            if not cleaned.get("description") and not cleaned.get("is_decorative"):
                self.add_error(
                    "description",
                    forms.ValidationError(
                        _("Describe the image for people who cannot see it, or mark it as decorative."),
                        code="alt_text_required",
                    ),
                )
        return cleaned
