"""Which received events are new: per-channel seq cursor, recent-id window, gap detection.

Pure logic (no I/O): the sync client feeds it decoded frames and commits what the store
accepted, so it can be tested by feeding lists of events.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from app.client.unreadable import Unreadable
from app.protocol.frames import Event

# What the filter places in a channel: an event, or one kept unread at its position.
Item = Event | Unreadable


class RecentIds:
    """A bounded set of the most recently seen event ids (oldest forgotten first)."""

    def __init__(self, capacity: int = 20_000) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self._ids: set[str] = set()
        self._order: deque[str] = deque()

    def __contains__(self, event_id: object) -> bool:
        return event_id in self._ids

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, event_id: str) -> None:
        self.add_many((event_id,))

    def add_many(self, event_ids: Iterable[str]) -> None:
        """Remember ids in order (an id already remembered keeps its place)."""
        known = self._ids
        fresh = [i for i in dict.fromkeys(event_ids) if i not in known]
        self._order.extend(fresh)
        known.update(fresh)
        excess = len(self._order) - self.capacity
        if excess > 0:
            popleft = self._order.popleft
            known.difference_update([popleft() for _ in range(excess)])


@dataclass(frozen=True)
class SeqJump:
    """An event arrived with seq > expected and no Gap frame explained the hole."""

    ch: str
    expected: int
    got: int


@dataclass
class Admission:
    """Outcome of `EventFilter.admit` for one frame."""

    accepted: list[Item] = field(default_factory=list)
    duplicates: int = 0
    jump: SeqJump | None = None
    heads: dict[str, int] = field(default_factory=dict)  # newest accepted seq per channel


class EventFilter:
    """Decides which events of a frame are new and in order.

    `last_seqs` is the newest seq per channel that the store holds (0: the channel was
    empty when this client started following it). A channel not in `last_seqs` accepts
    any first seq: a fresh client gets only the newest backlog, whose older history
    stays on the server. After that, seqs must be contiguous; a jump is reported and the
    rest of the frame is not admitted, so the caller can reconnect and let the server
    replay from `last_seqs`.

    A frame may be admitted while earlier ones are still being stored: `reserve` moves a
    provisional cursor past them, so the next frame continues from there; `commit` makes
    it final, `release` forgets what was reserved and not committed (the store failed,
    or the connection ended).
    """

    def __init__(self, last_seqs: Mapping[str, int] | None = None, recent_ids: int = 20_000):
        self.last_seqs: dict[str, int] = dict(last_seqs or {})
        self.recent = RecentIds(recent_ids)
        self._reserved: dict[str, int] = {}

    def admit(self, events: Iterable[Item]) -> Admission:
        """Split a frame into new events (in order) and duplicates; stop at a seq jump.

        Nothing changes until `commit`: a frame the store failed to write can be
        admitted again after a replay.
        """
        out = Admission()
        # Provisional cursor for channels this frame advances.
        cursor = out.heads
        last_seqs = self.last_seqs
        reserved = self._reserved
        recent = self.recent
        accepted = out.accepted
        for event in events:
            ch = event.ch
            seq = event.seq
            last = cursor.get(ch)
            if last is None:
                last = reserved.get(ch)
            if last is None:
                last = last_seqs.get(ch)
            if last is not None:
                if seq <= last or event.id in recent:
                    out.duplicates += 1
                    continue
                if seq != last + 1:
                    out.jump = SeqJump(ch, last + 1, seq)
                    break
            elif event.id in recent:
                out.duplicates += 1
                continue
            cursor[ch] = seq
            accepted.append(event)
        return out

    def reserve(self, admission: Admission) -> None:
        """The admitted events are on their way to the store: admit what follows them."""
        self._reserved.update(admission.heads)

    def release(self) -> None:
        """Forget reserved events that were not committed: admit from `last_seqs` again."""
        self._reserved.clear()

    def commit(self, accepted: Sequence[Item]) -> None:
        """The store holds these events now (as `admit` returned them: ascending seqs per
        channel): advance the cursors, remember the ids."""
        last_seqs = self.last_seqs
        reserved = self._reserved
        for ch, seq in {event.ch: event.seq for event in accepted}.items():
            if seq > last_seqs.get(ch, 0):
                last_seqs[ch] = seq
            if reserved.get(ch, seq) <= seq:
                reserved.pop(ch, None)
        self.recent.add_many([event.id for event in accepted])

    def follow_from_start(self, ch: str) -> None:
        """`ch` has no events yet: expect seq 1 next, and resume from 0 after a drop."""
        self.last_seqs.setdefault(ch, 0)

    def skip_to(self, ch: str, seq: int) -> None:
        """A Gap frame said events up to `seq` will not come: continue after it."""
        if seq > self.last_seqs.get(ch, -1):
            self.last_seqs[ch] = seq
        if ch in self._reserved and seq > self._reserved[ch]:
            self._reserved[ch] = seq

    def rebase(self, ch: str, seq: int) -> None:
        """Move a channel's cursor back (the server's log is behind the local store)."""
        self.last_seqs[ch] = seq
        self._reserved.pop(ch, None)

    def caught_up(self, heads: Mapping[str, int]) -> bool:
        """True once every channel reached the given head seq."""
        last_seqs = self.last_seqs
        return all(last_seqs.get(ch, 0) >= head for ch, head in heads.items())
