"""Prepare untrusted text for a model: frame it as data, shorten it keeping both ends."""

from __future__ import annotations

import re

from pace_app.domain.story import strip_hidden

_TAG = re.compile(r"[a-z][a-z0-9_]*")


def frame(tag: str, text: str, *, attributes: str = "") -> str:
    """Wrap untrusted ``text`` in ``<tag>`` … ``</tag>``, cleaned, so it cannot close early.

    Hidden text is stripped first (``strip_hidden``); then any spelling a reader could
    take for the closing tag — other letter case, spaces or newlines inside, attributes
    — becomes ``[/tag]``.
    """
    if not _TAG.fullmatch(tag):
        raise ValueError(f"{tag!r} is not a tag name")
    closing = re.compile(rf"<\s*/\s*{tag}(?![a-z0-9_])[^<>]*>?", re.IGNORECASE)
    safe = closing.sub(f"[/{tag}]", strip_hidden(text))
    opening = f"<{tag} {attributes}>" if attributes else f"<{tag}>"
    return f"{opening}\n{safe}\n</{tag}>"


def omission_marker(count: int) -> str:
    """Return the marker standing for ``count`` removed characters."""
    return f"\n[… {count} characters omitted …]\n"


def truncate_middle(text: str, limit: int) -> str:
    """Return ``text`` within ``limit`` characters, cutting from the middle if needed."""
    if limit < 0:
        raise ValueError("limit must not be negative")
    if len(text) <= limit:
        return text
    omitted = len(text) - limit
    # The marker's own length depends on the count it prints; settle both together.
    while True:
        keep = limit - len(omission_marker(omitted))
        if keep <= 0:
            # No room for both ends and a marker: the head alone is the most useful.
            return text[:limit]
        if len(text) - keep == omitted:
            break
        omitted = len(text) - keep
    head = (keep + 1) // 2
    tail = keep - head
    return text[:head] + omission_marker(omitted) + (text[-tail:] if tail else "")
