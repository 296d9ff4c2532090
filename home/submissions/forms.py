"""The form every public submission form extends: submitter fields, the
honeypot, the once-only token field and the image checks.

The app-specific forms (directory/forms.py, events/forms.py) add their own
fields; home/submissions/views.py ties a form to its service.
"""

import uuid

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from home.plain_text import check_one_line_name

ACCEPTED_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}


def _setting(name, default):
    return getattr(settings, name, default)


class TermChoiceField(forms.ModelMultipleChoiceField):
    """Taxonomy terms as a list of checkboxes."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("required", False)
        # A term's draft (a translation in moderation, say) is not offered to the public.
        super().__init__(queryset.live() if hasattr(queryset, "live") else queryset, **kwargs)


class PublicSubmissionForm(forms.Form):
    """The submitter's details, the honeypot, the once-only token and an optional image.

    Subclasses declare their own fields first; `submitter_fields` and
    `image_fields` name the groups the templates render as fieldsets.
    """

    submitter_fields = ("submitter_name", "submitter_email", "submitter_organisation", "message")
    # One-line names shown as headings, in e-mail subjects and in the inbox (home/plain_text.py).
    name_fields = ("title", "submitter_name", "submitter_organisation")
    image_fields = ("image", "image_alt", "image_decorative")

    image = forms.FileField(
        label=_("Image (optional)"),
        required=False,
        help_text=_("A JPEG, PNG or WebP picture of at most 5 MB and 40 megapixels that you may share with us."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    image_alt = forms.CharField(
        label=_("Describe the image"),
        required=False,
        max_length=250,
        help_text=_("For people who cannot see it. Leave empty only if the image is decorative."),
    )
    image_decorative = forms.BooleanField(label=_("The image is decorative: it adds no information"), required=False)
    submitter_name = forms.CharField(label=_("Your name"), max_length=200)
    submitter_email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("Only moderators see it; we use it to tell you the outcome. It is never published."),
    )
    submitter_organisation = forms.CharField(label=_("Your organisation"), max_length=255, required=False)
    message = forms.CharField(
        label=_("Message to the moderators (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Hidden from people by the template; bots fill every field they find.
    website_url = forms.CharField(label=_("Leave this field empty"), required=False)
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4().hex)
        for name, field in self.fields.items():
            if field.required:
                field.widget.attrs.setdefault("required", True)
            if name not in ("website_url", "form_token") and field.help_text:
                field.widget.attrs.setdefault("aria-describedby", f"id_{name}_help")
        self._limit_terms_to_active_locale()
        self.fields["website_url"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["submitter_email"].widget.attrs.setdefault("autocomplete", "email")
        self.fields["submitter_name"].widget.attrs.setdefault("autocomplete", "name")
        self.fields["submitter_organisation"].widget.attrs.setdefault("autocomplete", "organization")
        self.image_format = None

    def full_clean(self):
        super().full_clean()
        # Tie each error to its field for screen readers.
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                described = [f"id_{name}_error"]
                if self.fields[name].help_text:
                    described.append(f"id_{name}_help")
                attrs["aria-describedby"] = " ".join(described)
                attrs["aria-invalid"] = "true"

    def _limit_terms_to_active_locale(self):
        """Every vocabulary's terms in the site's own language (what the moderators
        file the submission under), each named in the visitor's language where a
        live translation exists: a term not translated yet is still offered."""
        from wagtail.models import Locale

        try:
            default, active = Locale.get_default(), Locale.get_active()
        except Locale.DoesNotExist:
            return
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is None or not hasattr(queryset.model, "translation_key"):
                continue
            field.queryset = queryset.filter(locale=default)
            if active.pk == default.pk:
                continue
            translated = queryset.model.objects.filter(locale=active)
            if hasattr(translated, "live"):
                translated = translated.live()
            names = {term.translation_key: str(term) for term in translated}
            field.label_from_instance = lambda term, names=names: names.get(term.translation_key) or str(term)

    @property
    def is_spam(self):
        return bool(self.data.get("website_url"))

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if not upload:
            return None
        max_size = _setting("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 5 * 1024 * 1024)
        if upload.size > max_size:
            raise forms.ValidationError(
                _("The image is %(size)s MB; the limit is %(limit)s MB."),
                code="file_too_large",
                params={"size": round(upload.size / 1048576, 1), "limit": round(max_size / 1048576)},
            )
        try:
            upload.seek(0)
            # Image.open reads only the header: the size is known without decoding the pixels.
            with PILImage.open(upload) as picture:
                image_format, (width, height) = picture.format, picture.size
        except (UnidentifiedImageError, PILImage.DecompressionBombError, OSError, ValueError) as error:
            raise forms.ValidationError(
                _("This file is not a JPEG, PNG or WebP picture."), code="invalid_image"
            ) from error
        if image_format not in ACCEPTED_IMAGE_FORMATS:
            raise forms.ValidationError(_("This file is not a JPEG, PNG or WebP picture."), code="invalid_image")
        max_pixels = _setting("WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40_000_000)
        if width * height > max_pixels:
            raise forms.ValidationError(
                _("The image has %(pixels)s megapixels; the limit is %(limit)s."),
                code="too_many_pixels",
                params={"pixels": round(width * height / 1_000_000, 1), "limit": max_pixels // 1_000_000},
            )
        try:
            # The stored copy is re-encoded from the decoded pixels (HubImage): a
            # picture that stops half way is refused here rather than failing there.
            upload.seek(0)
            with PILImage.open(upload) as picture:
                picture.load()
        except (OSError, ValueError) as error:
            raise forms.ValidationError(
                _("This picture could not be read in full; it may be damaged."), code="invalid_image"
            ) from error
        upload.seek(0)
        self.image_format = image_format
        return upload

    def clean(self):
        cleaned = super().clean()
        for name in self.name_fields:
            if cleaned.get(name):
                try:
                    check_one_line_name(cleaned[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        if cleaned.get("image") and not cleaned.get("image_alt", "").strip() and not cleaned.get("image_decorative"):
            self.add_error(
                "image_alt",
                forms.ValidationError(
                    _("Describe the image for people who cannot see it, or mark it as decorative."),
                    code="alt_text_required",
                ),
            )
        return cleaned

    def image_data(self, *, title):
        """Arguments for the services' image parameter, or None without an upload."""
        if not self.cleaned_data.get("image"):
            return None
        return {
            "upload": self.cleaned_data["image"],
            "title": title,
            "alt_text": self.cleaned_data.get("image_alt", "").strip(),
            "decorative": bool(self.cleaned_data.get("image_decorative")),
            "image_format": self.image_format,
        }

    def submitter_data(self):
        return {name: self.cleaned_data.get(name, "") for name in self.submitter_fields}

    def grouped_fields(self):
        """(own fields, image fields, submitter fields) for the template's fieldsets."""
        hidden = {"website_url", "form_token"}
        shared = set(self.submitter_fields) | set(self.image_fields) | hidden
        return (
            [self[name] for name in self.fields if name not in shared],
            [self[name] for name in self.image_fields],
            [self[name] for name in self.submitter_fields],
        )
