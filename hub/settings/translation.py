"""Content translation with wagtail-localize: translations are drafts that go
through the moderation workflow (home/translations/), and machine translation
is off unless an environment variable names a service."""

import os

# A new translation of a live page is a draft, not a live copy of the English text.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Off by default. LibreTranslate: HUB_LIBRETRANSLATE_URL (and HUB_LIBRETRANSLATE_API_KEY
# if the server asks for one); DeepL: HUB_DEEPL_API_KEY. What it writes stays
# marked as machine translation until a moderator approves the page's workflow.
if os.environ.get("HUB_LIBRETRANSLATE_URL"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": os.environ["HUB_LIBRETRANSLATE_URL"].rstrip("/"),
            "API_KEY": os.environ.get("HUB_LIBRETRANSLATE_API_KEY", ""),
            "TIMEOUT": int(os.environ.get("HUB_MACHINE_TRANSLATION_TIMEOUT", "10")),
        },
    }
elif os.environ.get("HUB_DEEPL_API_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {
            "AUTH_KEY": os.environ["HUB_DEEPL_API_KEY"],
            "TIMEOUT": int(os.environ.get("HUB_MACHINE_TRANSLATION_TIMEOUT", "10")),
        },
    }
