"""The one way to write a duration: a whole number and a unit, ``30s``, ``15m``, ``6h``, ``2d``.

``REDELIVER_EVERY`` and ``pace redeliver --since`` both read it, so a value that works
in one works in the other.
"""

from __future__ import annotations

import re
from datetime import timedelta

_DURATION = re.compile(r"\A\s*(\d{1,9})\s*([smhd])\s*\Z", re.IGNORECASE)
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
MAX_DURATION = timedelta(days=3650)
EXAMPLES = "30m, 6h or 2d"


def parse_duration(text: str) -> timedelta:
    """Return the duration ``text`` names; raise ``ValueError`` (without the text) if none."""
    match = _DURATION.match(text)
    if match is None:
        raise ValueError(f"is not a duration like {EXAMPLES}")
    amount = int(match.group(1))
    if amount == 0:
        raise ValueError("is not longer than zero")
    duration = timedelta(**{_UNITS[match.group(2).lower()]: amount})
    if duration > MAX_DURATION:
        raise ValueError("is longer than 3650 days")
    return duration
