"""Text from viewers in places where Qt guesses rich text: tooltips, shown always literally."""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` as the characters it is. Qt renders a tooltip as rich text
    when it looks like markup, so the text is escaped inside a paragraph that is rich text
    for certain (a bare escaped string would show its entities, '&lt;b&gt;')."""
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"
