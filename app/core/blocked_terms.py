"""Blocked terms: whole words or phrases, case-insensitive, with `*` standing for a few characters.

Rules (the same on the server, which holds messages, and in the console's "try a message"):
- A term matches whole words: "scam" holds "SCAM!" but not "scammer".
- Spaces in a term match any run of spaces: "free coins" holds "free   coins".
- `*` inside a term stands for up to WILDCARD_SPAN characters (none is fine):
  "free*coins" holds "free coins", "free-coins", "freecoins" and "free bitcoins".
- `*` at the start or end drops the whole-word rule on that side: "scam*" holds
  "scammer", "*coins" holds "bitcoins".

Single words are looked up in a set of the message's words (the common case costs the
same for 5 terms or 500); only phrases and wildcards go through one compiled regex.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MAX_TERMS = 500
MAX_TERM_CHARS = 100
MAX_INNER_WILDCARDS = 2  # bounds the regex's backtracking per term
WILDCARD_SPAN = 20

_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")


# What a new backend holds for review before anyone set a list: the spam every live chat
# gets (free-currency and follower scams, "link in bio" lures). Held, never dropped: a
# moderator approves a false alarm with one click, and the creator can see, change or
# empty this list (an emptied list stays empty).
DEFAULT_BLOCKED_TERMS: tuple[str, ...] = (
    "free coins",
    "free diamonds",
    "free followers",
    "buy followers",
    "cheap followers",
    "follow for follow",
    "follow me for follow back",
    "check my profile",
    "crypto giveaway",
    "double your money",
    "dot com",
)


class BlockedTermError(ValueError):
    """A term that cannot be used; `term` is the offending term, str() says why."""

    def __init__(self, term: str, reason: str) -> None:
        super().__init__(f"{term!r}: {reason}" if term else reason)
        self.term = term
        self.reason = reason


@dataclass(frozen=True, slots=True)
class TermMatch:
    term: str  # the blocked term as written in the list
    text: str  # the part of the message it matched


def clean_term(term: str) -> str:
    """Spaces collapsed, runs of `*` made one; "" for a blank term."""
    term = _SPACES.sub(" ", term).strip()
    return re.sub(r"\*+", "*", term)


def check_term(term: str) -> None:
    """Raise BlockedTermError unless `term` (already cleaned) is usable."""
    if len(term) > MAX_TERM_CHARS:
        raise BlockedTermError(term, f"longer than {MAX_TERM_CHARS} characters")
    if not _WORD.search(term):
        raise BlockedTermError(term, "needs at least one letter or digit")
    inner = term.strip("*").count("*")
    if inner > MAX_INNER_WILDCARDS:
        raise BlockedTermError(term, f"at most {MAX_INNER_WILDCARDS} * inside a term")


def normalize_terms(terms: Iterable[str]) -> list[str]:
    """Cleaned, checked terms without blanks or case-insensitive repeats, in the given order.

    Raises BlockedTermError for the first unusable term, or when there are too many.
    """
    seen: set[str] = set()
    out: list[str] = []
    for raw in terms:
        term = clean_term(raw)
        if not term:
            continue
        try:
            check_term(term)
        except BlockedTermError as exc:
            shown = raw.strip()
            shown = shown if len(shown) <= 40 else shown[:40] + "…"
            raise BlockedTermError(shown, exc.reason) from None
        key = term.casefold()
        if key in seen:
            continue
        seen.add(key)
        out.append(term)
    if len(out) > MAX_TERMS:
        raise BlockedTermError("", f"at most {MAX_TERMS} blocked terms")
    return out


def _is_single_word(term: str) -> bool:
    return _WORD.fullmatch(term) is not None


def term_regex(term: str) -> str:
    """The regular expression (without flags) for one cleaned term."""
    open_start, open_end = term.startswith("*"), term.endswith("*")
    core = term.strip("*")
    literal_parts = [r"\s+".join(map(re.escape, part.split(" "))) for part in core.split("*")]
    body = f".{{0,{WILDCARD_SPAN}}}?".join(literal_parts)
    # Whole words: no word character may touch a side that starts/ends with one.
    start = "" if open_start or not _WORD.match(core[0]) else r"(?<!\w)"
    end = "" if open_end or not _WORD.match(core[-1]) else r"(?!\w)"
    return start + body + end


class BlockedTerms:
    """A compiled blocked-terms list; `first_match(text)` says whether (and why) to hold."""

    def __init__(self, terms: Iterable[str] = ()) -> None:
        self.terms: tuple[str, ...] = tuple(normalize_terms(terms))
        self._words: dict[str, str] = {}
        # (term, compiled, needle): a term can only match text that contains its needle.
        self._phrases: list[tuple[str, re.Pattern[str], str]] = []
        for term in self.terms:
            if _is_single_word(term):
                self._words.setdefault(term.casefold(), term)
            else:
                self._phrases.append((term, re.compile(term_regex(term), re.I), _needle(term)))

    def __bool__(self) -> bool:
        return bool(self.terms)

    def first_match(self, text: str) -> TermMatch | None:
        """The first blocked term found in `text` (single words first), or None."""
        if self._words:
            for word in _WORD.findall(text):
                term = self._words.get(word.casefold())
                if term is not None:
                    return TermMatch(term, word)
        if self._phrases:
            # One alternation of 100 phrases cost ~4 ms per message; a substring test
            # per phrase first, then its own regex, costs ~0.05 ms.
            lowered = text.lower()
            for term, regex, needle in self._phrases:
                if needle in lowered:
                    match = regex.search(text)
                    if match is not None:
                        return TermMatch(term, match.group(0))
        return None


def _needle(term: str) -> str:
    """The longest literal ASCII run of a term, lowercased: it must occur in any match.

    Empty (always check) when the term's letters are not ASCII, whose case rules differ
    between str.lower() and the regex's IGNORECASE.
    """
    runs = [run for part in term.split("*") for run in part.split(" ") if run]
    longest = max(runs, key=len, default="")
    return longest.lower() if longest.isascii() else ""
