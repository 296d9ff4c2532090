"""The admin's image and document forms, refusing an upload with a message
while the file store (S3) does not answer, instead of failing with a 500
once the file is being written. Nothing is saved then: the form is shown
again with what was typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm

from home.forms import HubImageForm
from home.storage import HubS3Storage

STORE_UNREACHABLE = _(
    "The file store cannot be reached just now, so the file was not saved and nothing else was changed. "
    "Please try again in a few minutes."
)


class StorageCheckedForm(forms.ModelForm):
    def clean(self):
        cleaned_data = super().clean()
        if "file" in self.changed_data and not self.errors:
            storage = self._meta.model._meta.get_field("file").storage
            if isinstance(storage, HubS3Storage) and not storage.is_reachable():
                self.add_error("file", forms.ValidationError(STORE_UNREACHABLE, code="store_unreachable"))
        return cleaned_data


class StorageCheckedImageForm(StorageCheckedForm, HubImageForm):
    pass


class StorageCheckedDocumentForm(StorageCheckedForm, BaseDocumentForm):
    pass
