from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from PIL import Image as PILImage

from home.models.images import reencode_image

UNREADABLE_IMAGE = _("This image could not be read in full; it may be damaged. Save it again and upload the copy.")


class ReadableImageField(WagtailImageField):
    """Wagtail's image field, answering a damaged picture with a message: Willow
    decodes the whole file while checking it and raises OSError (a 500) otherwise."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except OSError as error:
            raise forms.ValidationError(UNREADABLE_IMAGE, code="unreadable_image") from error


class HubImageForm(BaseImageForm):
    """Alt text is required unless the editor says the image is decorative; the
    file is stored re-encoded, without its metadata (HubImage)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail builds the field itself (formfield_for_dbfield); only its checks change.
        if type(self.fields.get("file")) is WagtailImageField:
            self.fields["file"].__class__ = ReadableImageField

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or "file" not in self.changed_data:
            return upload
        upload.seek(0)
        try:
            # Re-encoded here, so a picture Pillow cannot decode in full is refused
            # with a message, and Wagtail's duplicate check compares stored bytes.
            clean = reencode_image(upload.read())
        except (OSError, ValueError, PILImage.DecompressionBombError) as error:
            raise forms.ValidationError(UNREADABLE_IMAGE, code="unreadable_image") from error
        clean.name = upload.name
        clean.content_type = getattr(upload, "content_type", None)
        return clean

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
