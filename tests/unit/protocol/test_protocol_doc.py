"""PROTOCOL.md stays true: every JSON example decodes, every type and close code is documented."""

from __future__ import annotations

import json
import re
import typing
from pathlib import Path

import msgspec
import pytest

from app.protocol.closecodes import ERROR_CODES, Close
from app.protocol.codec import ProtocolError, decode_client_frame, decode_event, decode_server_frame
from app.protocol.inquiry import BookingRow, InquiryRow, StatusStepRow, ThreadMessageRow
from app.protocol.payloads import AnyCommandData, AnyEventData, InquiryCreated

DOC = Path(__file__).resolve().parents[3] / "app" / "protocol" / "PROTOCOL.md"
TEXT = DOC.read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```json\n(.*?)\n```", TEXT, flags=re.DOTALL)


def _tags(union: object) -> set[str]:
    return {t.__struct_config__.tag for t in typing.get_args(union)}


def _decodes(raw: str) -> bool:
    obj = json.loads(raw)
    if "op" in obj:
        for decode in (decode_server_frame, decode_client_frame):
            try:
                decode(raw)
                return True
            except ProtocolError:
                pass
        return False
    if "seq" in obj:
        decode_event(raw)
        return True
    for union in (AnyEventData, AnyCommandData):
        try:
            msgspec.json.decode(raw, type=union)
            return True
        except msgspec.ValidationError:
            pass
    return False


def test_the_document_has_examples() -> None:
    assert len(EXAMPLES) > 50


@pytest.mark.parametrize("example", EXAMPLES, ids=[str(i) for i in range(len(EXAMPLES))])
def test_every_json_example_decodes_with_the_real_codec(example: str) -> None:
    assert _decodes(example), example


def test_every_event_and_command_type_has_its_own_section() -> None:
    headings = set(re.findall(r"^#### `([^`]+)`$", TEXT, flags=re.MULTILINE))
    assert _tags(AnyEventData) <= headings
    assert _tags(AnyCommandData) <= headings


def test_every_close_code_and_error_code_is_listed() -> None:
    for code in Close:
        assert f"| {int(code)} | {code.name} |" in TEXT
    for name in ERROR_CODES:
        assert f"| `{name}` |" in TEXT


def _section(name: str) -> str:
    start = TEXT.index(f"#### `{name}`\n")
    return TEXT[start : TEXT.index("\n#### ", start + 1)]


def test_the_inquiry_list_row_is_documented_field_for_field() -> None:
    """`inquiry.list` names its row's fields in prose: those of `inquiry.created`, plus more."""
    _, plus = _section("inquiry.list").split("each with the fields of `inquiry.created` plus")
    named = re.findall(r"`([a-z_]+)`", plus.split("`InquiryRow`")[0])
    documented = [*InquiryCreated.__struct_fields__, *named]
    assert sorted(documented) == sorted(InquiryRow.__struct_fields__)
    assert "{...as in inquiry.list}" in _section("inquiry.thread")


def test_the_inquiry_thread_rows_are_documented_field_for_field() -> None:
    """`inquiry.thread` lists each row's fields: exactly those of the protocol's row types."""
    section = _section("inquiry.thread")
    for name, row_type in (
        ("messages", ThreadMessageRow),
        ("history", StatusStepRow),
        ("ledger", BookingRow),
    ):
        match = re.search(rf'"{name}": \[\{{([^}}]*)\}}\]', section)
        assert match is not None, name
        documented = re.findall(r'"([a-z_]+)"', match.group(1))
        assert documented == list(row_type.__struct_fields__), name
