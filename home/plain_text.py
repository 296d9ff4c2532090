"""Checks for the one-line names and titles that the public forms accept.

A title made only of zero-width spaces looks empty on the page but passes
`required`; a line break splits a heading or an e-mail subject; a right-to-left
override (U+202E) makes "gpj.exe" read as "exe.jpg". Django strips ordinary
white space only, so these characters are refused here, with a message that
says what to change.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Embeddings, overrides and isolates reorder text; the marks (LRM, RLM, ALM)
# only nudge neutral characters and appear in ordinary Arabic text, so they stay.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
# Letters and symbols that render as blank space without being white space.
BLANK_LOOKALIKES = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")


def _is_invisible(char):
    category = unicodedata.category(char)
    # Cc control, Cf format (zero-width, joiners, BOM), Z* separators, Mn marks on their own.
    return category in {"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"} or char in BLANK_LOOKALIKES


def check_one_line_name(value):
    """Raise ValidationError for a name that cannot be shown faithfully on one line."""
    if not value:
        return
    if any(char in LINE_BREAKS for char in value):
        raise ValidationError(_("Write this on one line, without line breaks."), code="line_break")
    if any(char in BIDI_CONTROLS for char in value):
        raise ValidationError(
            _(
                "Remove the hidden text-direction characters (such as U+202E): they can make text read "
                "differently from what it says."
            ),
            code="bidi_control",
        )
    if all(_is_invisible(char) for char in value):
        raise ValidationError(
            _("This contains only invisible characters: write it with visible letters or numbers."),
            code="invisible",
        )
    controls = sorted({f"U+{ord(char):04X}" for char in value if unicodedata.category(char) == "Cc"})
    if controls:
        raise ValidationError(
            _("Remove the control characters (%(codes)s)."),
            code="control_character",
            params={"codes": ", ".join(controls)},
        )
