"""Shorten long text for a model while keeping both ends."""

from __future__ import annotations


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
