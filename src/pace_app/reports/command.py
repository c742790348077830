"""``pace runs``, ``pace runs show ID`` and ``pace spend``: read the store, print a report.

They need only the database (``DATABASE_URL`` or ``DATA_DIR``), not the App's key, so an
operator can run them anywhere the store is reachable.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TextIO

import anyio

from pace_app.arguments import duration, repository
from pace_app.config.settings import Settings
from pace_app.domain.duration import EXAMPLES
from pace_app.queue.connect import open_store
from pace_app.reports.render import render_runs, render_spend, render_summary
from pace_app.reports.summary import run_json, summarise, summary_json

COMMANDS = ("runs", "spend")
MAX_LIMIT = 1000
# Beginning of time for "all time": before any run a store can hold.
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def add_parser(commands: Any) -> None:
    """Register ``pace runs`` (with ``show``) and ``pace spend``."""
    runs = commands.add_parser("runs", help="list story runs with state, tokens and cost")
    _filters(runs)
    runs.add_argument(
        "--limit",
        type=_limit,
        default=20,
        help=f"at most this many runs (default 20, max {MAX_LIMIT})",
    )
    runs.add_argument("--json", action="store_true", help="print JSON instead of a table")
    shown = runs.add_subparsers(dest="runs_command", metavar="show")
    show = shown.add_parser("show", help="one run: attempts, states, links, tokens and cost")
    show.add_argument(
        "id", type=_positive_id("a run id"), help="the run's id (the ID column of pace runs)"
    )
    # SUPPRESS keeps `pace runs --json show ID` working as well as `pace runs show ID --json`.
    show.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")
    spend = commands.add_parser("spend", help="model spend per repository, with the total")
    _filters(spend)
    spend.add_argument(
        "--installation",
        type=_positive_id("an installation id"),
        help="only this installation's repositories (its id)",
    )
    spend.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args: argparse.Namespace, settings: Settings, out: TextIO | None = None) -> int:
    """Print the report ``args`` asks for; 1 when the run asked for does not exist."""
    return anyio.run(_report, args, settings, out or sys.stdout)


async def _report(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    now = datetime.now(UTC)
    since: datetime | None = now - args.since if getattr(args, "since", None) else None
    async with open_store(settings) as store:
        if args.command == "spend":
            spend = await store.spend(
                since=since or EPOCH, repo=args.repo, installation_id=args.installation
            )
            if args.json:
                payload = {
                    "since": since.isoformat() if since else None,
                    "repositories": [
                        {"repo": s.repo, "runs": s.runs, "cost_usd": round(s.cost_usd, 6)}
                        for s in spend
                    ],
                    "total_usd": round(sum(s.cost_usd for s in spend), 6),
                }
                _print_json(payload, out)
            else:
                print(render_spend(spend, since), file=out)
            return 0
        if args.runs_command == "show":
            record = await store.get_run(args.id)
            if record is None:
                print(f"pace: error: no run with id {args.id}", file=sys.stderr)
                return 1
            summary = summarise(record, await store.run_history(record.id), now)
            if args.json:
                _print_json(summary_json(summary), out)
            else:
                print(render_summary(summary), file=out)
            return 0
        runs = await store.list_runs(repo=args.repo, since=since, limit=args.limit)
    if args.json:
        _print_json([run_json(each) for each in runs], out)
    else:
        print(render_runs(runs), file=out)
    return 0


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--repo", type=repository, help="only this repository (OWNER/NAME)")
    parser.add_argument(
        "--since", type=duration, help=f"only this recent, e.g. {EXAMPLES} (default: all time)"
    )


def _print_json(payload: object, out: TextIO) -> None:
    print(json.dumps(payload, indent=2, sort_keys=True), file=out)


def _positive_id(what: str) -> Callable[[str], int]:
    """Return an argument type reading the positive id of ``what``."""

    def read(text: str) -> int:
        if not text.isdigit() or int(text) < 1:
            raise argparse.ArgumentTypeError(f"{text!r} is not {what} (a positive number)")
        return int(text)

    return read


def _limit(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number from 1 to {MAX_LIMIT}")
    return int(text)
