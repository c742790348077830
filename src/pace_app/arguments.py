"""Argument types the ``pace`` subcommands share: a duration and a repository name."""

from __future__ import annotations

import argparse
import re
from datetime import timedelta

from pace_app.domain.duration import parse_duration

# GitHub's rules: an owner of at most 39 letters, digits and hyphens; a name of at most 100.
_REPOSITORY = re.compile(r"\A[A-Za-z0-9-]{1,39}/[A-Za-z0-9_.-]{1,100}\Z")


def duration(text: str) -> timedelta:
    """Read ``30m``, ``6h``, ``7d``; argparse names the argument when it is not one."""
    try:
        return parse_duration(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} {exc}") from None


def repository(text: str) -> str:
    """Read ``OWNER/NAME`` as GitHub allows it."""
    if not _REPOSITORY.match(text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a repository like OWNER/NAME")
    return text
