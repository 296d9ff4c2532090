"""Put every image, rendition and document file on S3 where its privacy says
(home/storage_privacy.py): after switching to S3, after restoring a bucket,
or when a logged move failed while the store was down. Idempotent."""

from django.core.management.base import BaseCommand, CommandError

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from home.storage_privacy import s3_in_use, sync_documents, sync_images


class Command(BaseCommand):
    help = "Move media files on S3 to the private or public part of the bucket, as their privacy says."

    def handle(self, *args, **options):
        if not s3_in_use():
            raise CommandError("Media are not on S3 (AWS_STORAGE_BUCKET_NAME is not set): nothing to move.")
        images = list(get_image_model().objects.values_list("pk", flat=True))
        documents = list(get_document_model().objects.values_list("pk", flat=True))
        for start in range(0, len(images), 200):
            sync_images(images[start : start + 200])
        for start in range(0, len(documents), 200):
            sync_documents(documents[start : start + 200])
        self.stdout.write(f"Checked {len(images)} image(s) with their renditions and {len(documents)} document(s).")
