"""Benchmark chat traffic: realistic names, badges and lines, cheap to make by the million."""

from __future__ import annotations

import random
import time

from app.core import roles
from app.protocol.frames import Event
from app.protocol.payloads import ChatMessage, UserRef
from app.server.audience_text import below_line, public_line, viewer_names

BELOW_EVERY = 20  # one message in 20 goes to Below Room


class ChatSource:
    """Message n (n >= 1) of an endless chat: public mostly, Below Room now and then."""

    def __init__(self, seed: int = 7) -> None:
        rng = random.Random(seed)
        badges = [(), (), (), ("member:1",), ("member:2",), ("moderator",), ("member:3",)]
        self.users = [
            UserRef(id=f"bench-u{i}", name=name, badges=rng.choice(badges))
            for i, name in enumerate(viewer_names(rng, 200))
        ]
        self.public_texts = [public_line(rng, "you") for _ in range(997)]
        self.below_texts = [below_line(rng) for _ in range(101)]
        self.prefix = f"b{random.getrandbits(32):08x}-"

    def message(self, n: int) -> tuple[str, ChatMessage]:
        """(channel, payload) of message n."""
        user = self.users[n % 197 % len(self.users)]
        if n % BELOW_EVERY == 0:
            ch, text = roles.BELOW, self.below_texts[n % len(self.below_texts)]
        else:
            ch, text = roles.PUBLIC, self.public_texts[n % len(self.public_texts)]
        message = ChatMessage(
            message_id=f"{self.prefix}{n:x}",
            room="below" if ch == roles.BELOW else "public",
            user=user,
            text=text,
            first_in_room=n % 50 == 0,
        )
        return ch, message


class EventSource:
    """Whole events (as the sync client hands them on) for feeding a console directly."""

    def __init__(self, seed: int = 7) -> None:
        self.chat = ChatSource(seed)
        self.seqs = {roles.PUBLIC: 0, roles.BELOW: 0}
        self.count = 0

    def batch(self, size: int) -> list[Event]:
        now_ms = int(time.time() * 1000)
        events = []
        for _ in range(size):
            self.count += 1
            ch, message = self.chat.message(self.count)
            self.seqs[ch] += 1
            event_id = f"e{self.chat.prefix}{self.count:x}"
            events.append(Event(ch=ch, seq=self.seqs[ch], id=event_id, ts=now_ms, data=message))
        return events
