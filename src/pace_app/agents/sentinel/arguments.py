"""The arguments of ``pace sentinel``, apart from the audit so ``pace`` starts fast."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pace_app.domain.findings import SEVERITIES


def add_parser(commands: Any) -> None:
    """Add ``sentinel scan`` and ``sentinel diff`` to the ``pace`` parser."""
    sentinel = commands.add_parser("sentinel", help="run the SENTINEL security audit standalone")
    actions = sentinel.add_subparsers(dest="sentinel_command", metavar="ACTION", required=True)
    scan = actions.add_parser("scan", help="audit every file under a path")
    scan.add_argument("path", type=Path)
    diff = actions.add_parser("diff", help="audit what a git range changes (BASE..HEAD)")
    diff.add_argument("range", help="BASE..HEAD, e.g. origin/main..HEAD")
    diff.add_argument("-C", dest="repo", type=Path, default=Path("."), help="the repository")
    for action in (scan, diff):
        action.add_argument("--format", choices=("text", "json", "sarif"), default="text")
        action.add_argument("--output", "-o", type=Path, help="write here instead of stdout")
        action.add_argument(
            "--fail-on",
            choices=SEVERITIES,
            help="exit 1 when a finding reaches this severity",
        )
    diff.add_argument("--model", help="also run the model layer with this Anthropic model")
