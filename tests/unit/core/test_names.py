"""The display-name rule: what a name may hold (server refuses, client strips)."""

from __future__ import annotations

import pytest

from app.core.names import NameRefused, check_display_name, clean_display_name

SPOOF = "rtl\u202eexe.live\u202c"  # painted as "rtlevil.exe" without the rule


@pytest.mark.parametrize(
    ("name", "code"),
    [
        (SPOOF, "U+202E"),
        ("a\u200fb", "U+200F"),
        ("iso\u2066late", "U+2066"),
        ("nul\x00l", "U+0000"),
        ("bell\x07", "U+0007"),
        ("c1\x85x", None),  # NEL is whitespace: normalised to a space, not refused
        ("soft\u00adhyphen", "U+00AD"),
        ("zero\u200bwidth", "U+200B"),
        ("bom\ufeff", "U+FEFF"),
    ],
)
def test_control_direction_and_invisible_characters_are_refused(
    name: str, code: str | None
) -> None:
    if code is None:
        assert check_display_name(name) == "c1 x"
        return
    with pytest.raises(NameRefused, match=code.replace("+", r"\+")):
        check_display_name(name)


@pytest.mark.parametrize(
    "name", ["Zoë 🎮", "👩\u200d💻 Dev", "مریم\u200cها", "שלום", "Ana-María O'Neil"]
)
def test_real_names_pass_unchanged(name: str) -> None:
    assert check_display_name(name) == name
    assert clean_display_name(name) is name


def test_names_are_normalised_before_the_check() -> None:
    assert check_display_name("  Zo\u0065\u0308 \t  🎮\n") == "Zoë 🎮"  # NFC, whitespace runs
    with pytest.raises(NameRefused, match="empty"):
        check_display_name(" \t ")
    with pytest.raises(NameRefused, match="64"):
        check_display_name("x" * 65)


def test_the_client_strips_what_the_rule_forbids() -> None:
    assert clean_display_name(SPOOF) == "rtlexe.live"
    assert clean_display_name("\u202e\u202c") == "?"
    assert clean_display_name("a\x00\x00b  c") == "ab c"
