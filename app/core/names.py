"""What a display name may hold: one rule for the server (which refuses) and the client
(which strips, in case a server did not refuse).

A name is painted next to other text (a message, "sent a Rose ×5", a list of gifters):
control characters in it could change how that text reads. A bidirectional override
shows "rtl\u202eexe.live" as "rtlevil.exe"; a line break or an invisible character makes
two names look alike. So a display name is normalised (NFC, every run of whitespace one
space, trimmed) and then holds none of these:

- C0 and C1 control characters (U+0000–U+001F, U+007F–U+009F);
- bidirectional formatting characters: U+061C, U+200E, U+200F, U+202A–U+202E,
  U+2066–U+2069;
- invisible characters: U+00AD, U+180E, U+200B, U+2060–U+2064, U+FEFF, U+FFF9–U+FFFB;
- line and paragraph separators (U+2028, U+2029), which whitespace normalising turns
  into spaces anyway.

ZERO WIDTH JOINER and NON-JOINER (U+200D, U+200C) stay allowed: emoji sequences and
Persian or Indic names need them. Right-to-left letters are fine: the client paints
every name isolated (see app/ui/safetext.py), so they cannot reorder what is around them.
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_LENGTH = 64

FORBIDDEN_IN_NAMES = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]"
)


class NameRefused(ValueError):
    """A display name that breaks the rule; str() says why, for the person who chose it."""


def normalise_name(name: str) -> str:
    """NFC, whitespace runs as one space, trimmed (nothing is refused here)."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def check_display_name(name: str) -> str:
    """The normalised name, or NameRefused if it is empty, too long or holds a control."""
    name = normalise_name(name)
    if not name:
        raise NameRefused("A display name cannot be empty.")
    if len(name) > MAX_NAME_LENGTH:
        raise NameRefused(f"A display name has at most {MAX_NAME_LENGTH} characters.")
    found = FORBIDDEN_IN_NAMES.search(name)
    if found is not None:
        raise NameRefused(
            "A display name cannot contain control, text-direction or invisible characters "
            f"(found U+{ord(found.group()):04X})."
        )
    return name


def clean_display_name(name: str) -> str:
    """A name as it may be painted: forbidden characters removed (fast when there are none)."""
    if FORBIDDEN_IN_NAMES.search(name) is None:
        return name
    cleaned = normalise_name(FORBIDDEN_IN_NAMES.sub("", name))
    return cleaned or "?"
