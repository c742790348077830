"""Bound untrusted text and make it safe to show on GitHub.

Everything a user or a model wrote goes through ``neutralise`` before GitHub shows it:
hidden text and HTML are made inert and ``@mentions`` cannot ping anyone.
"""

from __future__ import annotations

import re

from pace_app.domain.story import sanitise

MAX_COMMENT_CHARS = 65_536
TRUNCATED = " […truncated]"

# A word joiner after "@" keeps the text readable but stops GitHub linking a mention.
_MENTION = re.compile(r"@(?=[A-Za-z0-9])")


def neutralise(text: str, *, limit: int | None = None, one_line: bool = False) -> str:
    """Return untrusted text made safe to show: no hidden text, HTML or pinging mentions."""
    text = sanitise(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MENTION.sub("@\u2060", text)
    if one_line:
        text = " ".join(text.split())
    return truncate(text, limit) if limit is not None else text


def truncate(text: str, limit: int, marker: str = TRUNCATED) -> str:
    """Return ``text`` cut to at most ``limit`` characters, marked when cut."""
    if len(text) <= limit:
        return text
    return text[: max(limit - len(marker), 0)] + marker[:limit]
