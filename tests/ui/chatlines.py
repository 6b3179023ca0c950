"""Chat lines for model and view tests: line(n) is message n of a public chat."""

from __future__ import annotations

from app.ui.chat.model import ChatLine


def line(
    n: int,
    *,
    user: str = "",
    badges: tuple[str, ...] = (),
    text: str = "",
    first: bool = False,
    local_id: str | None = None,
) -> ChatLine:
    return ChatLine(
        message_id=f"m{n}",
        seq=n,
        ts=1_700_000_000_000 + n,
        room="public",
        user_id=f"u-{user or n % 7}",
        user_name=user or f"viewer{n % 7}",
        badges=badges,
        text=text or f"message {n}",
        first_in_room=first,
        local_id=local_id,
    )


def lines(first: int, count: int) -> list[ChatLine]:
    return [line(n) for n in range(first, first + count)]
