import functools
import io
import os

from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.images.models import AbstractImage, AbstractRendition, Filter, Image
from wagtail.utils.file import hash_filelike

from PIL import Image as PILImage
from PIL import ImageCms, ImageOps, ImageSequence

ORIENTATION_TAG = 0x0112
# The only entries of Pillow's `info` a re-encoded file keeps: they describe
# pixels or animation, not the camera, the place or the person.
PIXEL_INFO = ("transparency", "duration", "loop", "background", "disposal")
SAVE_OPTIONS = {
    "JPEG": {"quality": 90, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 90},
    "GIF": {},
    "AVIF": {"quality": 90},
}


class SanitisedImageFile(ContentFile):
    """Bytes already re-encoded by `reencode_image`, so nothing encodes them twice."""


def reencode_image(data: bytes) -> SanitisedImageFile:
    """The picture in `data` re-encoded in its own format with no EXIF, GPS, XMP,
    ICC profile, comment or text chunk, turned upright as its EXIF orientation
    says, and without anything appended after the image data (a polyglot).

    Raises OSError or ValueError when Pillow cannot decode the whole image.
    """
    with PILImage.open(io.BytesIO(data)) as source:
        image_format = source.format
        if image_format not in SAVE_OPTIONS:
            raise ValueError(f"Cannot re-encode a {image_format} image")
        kept = {key: source.info[key] for key in PIXEL_INFO if key in source.info}
        options = dict(SAVE_OPTIONS[image_format])
        if getattr(source, "n_frames", 1) > 1:
            frames = [_bare(frame.copy()) for frame in ImageSequence.Iterator(source)]
            options.update(
                save_all=True, append_images=frames[1:], duration=[f.info.get("duration", 0) for f in frames]
            )
            picture = frames[0]
            kept.pop("duration", None)
        else:
            source.load()
            picture = _in_srgb(_upright(source), source.info.get("icc_profile"))
            if picture is source and image_format == "JPEG":
                # Same pixels, same quantisation tables: no loss from a second compression.
                options = {"quality": "keep", "subsampling": "keep"}
        picture.info = {}
        output = io.BytesIO()
        picture.save(output, format=image_format, **kept, **options)
    return SanitisedImageFile(output.getvalue())


def _bare(frame):
    frame.info = {key: frame.info[key] for key in ("duration",) if key in frame.info}
    return frame


def _upright(picture):
    if picture.getexif().get(ORIENTATION_TAG, 1) in range(2, 9):
        return ImageOps.exif_transpose(picture)
    return picture


def _in_srgb(picture, icc_profile):
    """Pixels converted to sRGB, so dropping the embedded profile keeps the colours."""
    if not icc_profile:
        return picture
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        return ImageCms.profileToProfile(picture, profile, ImageCms.createProfile("sRGB"), outputMode=picture.mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        # A mode or profile littlecms cannot convert: keep the pixels, drop the profile.
        return picture


@functools.lru_cache(maxsize=1024)
def _filter(spec):
    return Filter(spec=spec)


class HubImage(AbstractImage):
    """The hub's image: alt text (Wagtail's description) or an explicit decorative
    choice, plus the credit and licence a reused picture must carry.

    Every original is stored re-encoded (`reencode_image`), whichever way it
    arrives: the admin's forms, its multiple upload, the public forms, code."""

    is_decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_("Tick only if the image adds no information; screen readers will skip it."),
    )
    credit = models.CharField(_("credit"), max_length=255, blank=True)
    licence = models.CharField(_("licence"), max_length=255, blank=True, help_text=_("For example CC BY 4.0"))
    # Set on images sent with a public submission: they go back to the private
    # collection when no live page uses them any more (home.media_privacy).
    from_public_submission = models.BooleanField(default=False, editable=False)
    # What the personal-data scan found in the metadata of the file as uploaded
    # (home.privacy_scan.image_metadata), kept because re-encoding drops the metadata.
    metadata_findings = models.JSONField(default=list, blank=True, editable=False)

    admin_form_fields = Image.admin_form_fields + ("is_decorative", "credit", "licence")

    def get_renditions(self, *filters):
        # Wagtail parses a spec into its operations once per Filter object, and
        # {% picture %} makes new ones for each format and size on every call: over a
        # hundred parses for a page of cards. A Filter depends on its spec alone.
        return super().get_renditions(*(_filter(getattr(spec, "spec", spec)) for spec in filters))

    @property
    def default_alt_text(self):
        if self.is_decorative:
            return ""
        return self.description or self.title

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed and not self._holds_sanitised_file():
            self._replace_file(self._sanitised(self._read_file()), commit=False)
        super().save(*args, **kwargs)

    def _set_image_file_metadata(self):
        # Wagtail calls this whenever a form or the multiple uploader brings a new
        # file; the multiple uploader has already written it to storage by then.
        if not self._holds_sanitised_file():
            self._replace_file(self._sanitised(self._read_file()), commit=self.file._committed)
        super()._set_image_file_metadata()

    def _sanitised(self, data: bytes) -> SanitisedImageFile:
        from home.privacy_scan.image_metadata import metadata_findings

        clean = reencode_image(data)
        self.metadata_findings = metadata_findings(data)
        return clean

    def _holds_sanitised_file(self):
        return isinstance(getattr(self.file, "_file", None), SanitisedImageFile)

    def _read_file(self) -> bytes:
        if self.file._committed:
            with self.file.storage.open(self.file.name, "rb") as stored:
                return stored.read()
        self.file.seek(0)
        return self.file.read()

    def _replace_file(self, clean: SanitisedImageFile, *, commit: bool):
        name = os.path.basename(self.file.name)
        if commit:
            self.file.storage.delete(self.file.name)
            self.file.save(name, clean, save=False)
            self.file._file = clean
        else:
            clean.name = name
            self.file = clean
        with PILImage.open(clean) as picture:
            self.width, self.height = picture.size
        clean.seek(0)
        self.file_size = clean.size
        self.file_hash = hash_filelike(clean)
        clean.seek(0)

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        # The media view (home.media_privacy) finds the image of each requested file.
        indexes = [models.Index(fields=["file"], name="home_hubimage_file_idx")]


class HubRendition(AbstractRendition):
    image = models.ForeignKey(HubImage, on_delete=models.CASCADE, related_name="renditions")

    def get_upload_to(self, filename):
        # Beside its original: a private image's renditions are private too (home/storage.py).
        from home.storage import rendition_name

        return rendition_name(self, super().get_upload_to(filename))

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
        indexes = [models.Index(fields=["file"], name="home_hubrendition_file_idx")]
