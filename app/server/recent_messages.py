"""A bounded in-memory index of recent chat messages, for delete, pin, reply and on-camera."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from app.protocol.payloads import ROOMS, ChatMessage, MessageDeleted, Room, UserRef
from app.server.hub import EventHub

DEFAULT_CAPACITY = 50_000


@dataclass(frozen=True, slots=True)
class RecentMessage:
    message_id: str
    room: Room
    user: UserRef
    text: str


class RecentMessages:
    """The newest `capacity` chat messages by id; older ones are forgotten, oldest first."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self._by_id: OrderedDict[str, RecentMessage] = OrderedDict()

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, message_id: object) -> bool:
        return message_id in self._by_id

    def add(self, message: RecentMessage) -> None:
        self._by_id[message.message_id] = message
        if len(self._by_id) > self.capacity:
            self._by_id.popitem(last=False)

    def get(self, message_id: str) -> RecentMessage | None:
        return self._by_id.get(message_id)

    def remove(self, message_id: str) -> RecentMessage | None:
        return self._by_id.pop(message_id, None)


def reload_recent_messages(recent: RecentMessages, hub: EventHub, per_room: int) -> None:
    """Refill the index from the newest `per_room` events of each room's channel."""
    for room in ROOMS:  # each room's channel is named after it
        head = hub.head(room)
        for event in hub.read(room, max(0, head - per_room), None, per_room):
            data = event.data
            if isinstance(data, ChatMessage):
                recent.add(RecentMessage(data.message_id, data.room, data.user, data.text))
            elif isinstance(data, MessageDeleted):
                recent.remove(data.message_id)
