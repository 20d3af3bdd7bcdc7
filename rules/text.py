"""Which free text may be stored: one check for every form field and the profile import.

A bidi control character (U+202E ...) reverses the text around it, so a municipality name could
display differently from what it is (in the B&W header, in HTML and PDF alike); a name made only
of zero-width characters looks empty but is not; NUL and other control characters are refused
by PostgreSQL or break the text. Ordinary accents, tabs and line breaks are fine."""

import unicodedata

# the explicit directional formatting characters of Unicode's bidi algorithm (UAX #9) and marks
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
ALLOWED_CONTROLS = frozenset("\t\n\r")
# letters by category, yet drawn as nothing (Hangul fillers, the blank Braille pattern)
BLANK_LOOKALIKES = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def text_problem(value: str) -> str | None:
    """Why `value` may not be stored, as a Dutch phrase to follow a field name
    ("bevat een teken dat de leesrichting omdraait (U+202E)"), or None if it may.
    Empty or blank text is fine here: whether a field is required is the form's business."""
    for char in value:
        code = f"U+{ord(char):04X}"
        if char in BIDI_CONTROLS:
            return f"bevat een onzichtbaar teken dat de leesrichting omdraait ({code})"
        category = unicodedata.category(char)
        if category == "Cc" and char not in ALLOWED_CONTROLS:
            return f"bevat een stuurteken ({code}), bijvoorbeeld een nul-byte"
        if category == "Cs":  # a lone surrogate: no encoding can store it
            return f"bevat een ongeldig teken ({code})"
    if value.strip() and not any(_visible(char) for char in value):
        return "bevat geen zichtbare tekens"
    return None


def _visible(char: str) -> bool:
    return not (char.isspace() or unicodedata.category(char) in ("Cf", "Cc", "Mn", "Me")
                or char in BLANK_LOOKALIKES)
