"""Property: no well-formed command from any role ever gets `internal`.

The commands are drawn from the wire schema itself (msgspec's type info, with every length,
range, pattern and literal it states), encoded to JSON, decoded by the server's codec and
applied by a real Backend (real SQLite). Ids come from a pool of ones that exist (messages,
inquiries, services, invites, users, channels) as well as arbitrary ones, so handlers get
past their lookups.
"""

from __future__ import annotations

import asyncio
import re
import tempfile
from pathlib import Path
from typing import Any

import msgspec
import msgspec.inspect as mi
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.protocol.codec import ProtocolError, decode_client_frame, encode
from app.protocol.frames import Ack, Command, Error
from app.protocol.payloads import (
    AnyCommandData,
    CreateInquiry,
    MintInvite,
    SendMessage,
    Service,
    SetServices,
    StartLive,
    Subscribe,
)
from app.server.backend import Account, Backend


def _text(info: mi.StrType) -> st.SearchStrategy[str]:
    low, high = info.min_length or 0, info.max_length
    short = st.text(min_size=low, max_size=min(high if high is not None else 80, 80))
    parts = [short]
    if high is not None and high > 80:
        parts.append(st.just("x" * high))
    strategy = st.one_of(parts)
    if info.pattern is not None:
        pattern = re.compile(info.pattern)
        strategy = strategy.filter(lambda s: pattern.search(s) is not None)
    return strategy


def strategy_for(info: mi.Type, ids: list[str]) -> st.SearchStrategy[Any]:
    """Builtin (JSON-ready) values that the schema `info` accepts."""
    if isinstance(info, mi.IntType):
        low = info.ge if info.ge is not None else (info.gt + 1 if info.gt is not None else None)
        high = info.le if info.le is not None else (info.lt - 1 if info.lt is not None else None)
        return st.integers(min_value=low, max_value=high)
    if isinstance(info, mi.BoolType):
        return st.booleans()
    if isinstance(info, mi.NoneType):
        return st.none()
    if isinstance(info, mi.StrType):
        text = _text(info)
        if info.min_length == 1 and info.max_length == 64 and ids:
            return st.one_of(st.sampled_from(ids), text)  # an Id: mostly one that exists
        return text
    if isinstance(info, mi.LiteralType):
        return st.sampled_from(info.values)
    if isinstance(info, mi.UnionType):
        return st.one_of([strategy_for(t, ids) for t in info.types])
    if isinstance(info, mi.VarTupleType | mi.ListType):
        high = min(info.max_length if info.max_length is not None else 5, 5)
        return st.lists(
            strategy_for(info.item_type, ids), min_size=info.min_length or 0, max_size=high
        )
    if isinstance(info, mi.DictType):
        return st.dictionaries(
            strategy_for(info.key_type, ids), strategy_for(info.value_type, ids), max_size=3
        )
    if isinstance(info, mi.StructType):
        fields = {}
        for field in info.fields:
            value = strategy_for(field.type, ids)
            fields[field.encode_name] = value if field.required else st.one_of(st.none(), value)
        tag = {info.tag_field: st.just(info.tag)} if info.tag_field else {}
        return st.fixed_dictionaries({**tag, **fields}).map(
            lambda d: {k: v for k, v in d.items() if v is not None or k in _nullable(info)}
        )
    raise AssertionError(f"no strategy for {info!r}")


def _nullable(info: mi.StructType) -> set[str]:
    """Fields that may be sent as null (the others are left out when drawn as None)."""
    return {
        f.encode_name
        for f in info.fields
        if isinstance(f.type, mi.UnionType)
        and any(isinstance(t, mi.NoneType) for t in f.type.types)
    }


async def _seed(b: Backend) -> tuple[dict[str, Account], list[str]]:
    """Accounts of every role and a world with messages, a service, an inquiry, an invite."""
    creator, _ = b.demo_creator()
    moderator, _ = b.create_account("Mod", "moderator")
    viewer, _ = b.create_account("Viewer", "viewer")
    member, _ = b.create_account("Member", "viewer")
    ids = [creator.id, moderator.id, viewer.id, member.id, "public", "below", "mod", "creator"]
    ids += [f"user:{a.id}" for a in (viewer, member)]
    service = Service(id="svc_1", title="Review", category="consulting", price_cents=100)
    steps: list[tuple[Account, Any]] = [
        (creator, SetServices(services=(service,))),
        (creator, StartLive(title="t")),
        (member, Subscribe(tier=1)),
        (viewer, SendMessage(room="public", text="hello")),
        (member, SendMessage(room="below", text="question?")),
        (viewer, CreateInquiry(service_id="svc_1", text="please")),
        (creator, MintInvite(label="x")),
    ]
    for n, (account, cmd) in enumerate(steps):
        answer = await b.execute(account, f"seed-{n}", cmd)
        assert isinstance(answer, Ack), answer
        ids += [v for v in (answer.result or {}).values() if isinstance(v, str)]
    ids.append(service.id)
    return {"creator": creator, "moderator": moderator, "viewer": viewer, "member": member}, ids


@pytest.mark.slow
def test_no_well_formed_command_from_any_role_gets_internal() -> None:
    loop = asyncio.new_event_loop()
    with tempfile.TemporaryDirectory() as tmp:
        backend = Backend(Path(tmp))
        loop.run_until_complete(backend.start())
        try:
            accounts, ids = loop.run_until_complete(_seed(backend))
            commands = strategy_for(mi.type_info(AnyCommandData), ids)
            counter = iter(range(10**9))

            @settings(
                max_examples=1000,
                deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            )
            @given(role=st.sampled_from(sorted(accounts)), cmd=commands)
            def apply(role: str, cmd: dict[str, Any]) -> None:
                raw = msgspec.json.encode({"op": "cmd", "rid": f"p-{next(counter)}", "cmd": cmd})
                try:
                    frame = decode_client_frame(raw)
                except ProtocolError as exc:  # pragma: no cover - the strategy is the schema
                    raise AssertionError(f"drew a frame the schema refuses: {exc}") from None
                assert isinstance(frame, Command)
                answer = loop.run_until_complete(
                    backend.execute(accounts[role], frame.rid, frame.cmd)
                )
                assert isinstance(answer, Ack | Error)
                assert not (isinstance(answer, Error) and answer.code == "internal"), (
                    role,
                    encode(frame),
                    answer,
                )

            apply()
        finally:
            loop.run_until_complete(backend.close())
            loop.close()


def test_the_strategy_covers_every_command_type() -> None:
    info = mi.type_info(AnyCommandData)
    assert isinstance(info, mi.UnionType)
    tags = {t.tag for t in info.types if isinstance(t, mi.StructType)}
    assert len(tags) == len(AnyCommandData.__args__)  # type: ignore[attr-defined]
