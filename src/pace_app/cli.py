"""The ``pace`` command line."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from pace_app import __version__


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for every subcommand."""
    parser = argparse.ArgumentParser(prog="pace", description=__doc__)
    parser.add_argument("--version", action="version", version=f"pace {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    build_parser().parse_args(argv)
    return 0
