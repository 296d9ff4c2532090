"""The personal-data scan of drafts in review (issue 13): patterns.py says what
personal data looks like, page_text.py and image_metadata.py where to look,
services.py keeps a page's findings, models.py holds them and the workflow task
that waits for them, wagtail_hooks.py shows them in the admin."""
