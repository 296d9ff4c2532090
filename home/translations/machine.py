"""Machine translation: configured through WAGTAILLOCALIZE_MACHINE_TRANSLATOR
(hub/settings/translation.py, off unless an environment variable names a
service). wagtail-localize records each string's `translation_type`
("machine" or "manual"); a machine string counts as unreviewed until the page
is published after it was written, which only a moderator's approval (or a
publisher's own Publish) does. Editors and moderators see the count in the
translation editor and a notice on the preview; drafts are never live."""

from wagtail_localize.models import StringTranslation


def unreviewed_machine_strings(page):
    """The machine-translated strings of `page`'s translation (a page's or a
    vocabulary term's) written since it was last published (all of them if it never was)."""
    from home.translations.moderation import translation_of

    translation = translation_of(page)
    if translation is None:
        return StringTranslation.objects.none()
    strings = StringTranslation.objects.filter(
        locale_id=translation.target_locale_id,
        translation_of__segments__source_id=translation.source_id,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
    ).distinct()
    published = getattr(page, "last_published_at", None)
    if published is not None:
        strings = strings.filter(updated_at__gt=published)
    return strings
