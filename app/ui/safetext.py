"""Text from viewers, shown as what it is: literally in tooltips (where Qt guesses rich
text), and as a bidi isolate wherever it is joined with other text into one string."""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` as the characters it is. Qt renders a tooltip as rich text
    when it looks like markup, so the text is escaped inside a paragraph that is rich text
    for certain (a bare escaped string would show its entities, '&lt;b&gt;')."""
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"


FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def isolated(text: str) -> str:
    """`text` as a bidi isolate (FSI … PDI), to be joined with other text into one string.

    However `text` runs (right to left, or with embeddings and overrides that a PDI closes:
    Unicode's bidi algorithm ends every one opened inside the isolate at its PDI), the text
    around it keeps its order. Names and messages painted with a drawText of their own
    (the chat delegate) are isolated by that already; names reach the UI without bidi
    controls (app.client.safenames).
    """
    return FIRST_STRONG_ISOLATE + text + POP_DIRECTIONAL_ISOLATE
