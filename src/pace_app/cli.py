"""The ``pace`` command line: every subcommand's arguments, and which module runs it."""

from __future__ import annotations

import argparse
import logging
import sys
import uuid
from collections.abc import Sequence
from pathlib import Path

import anyio

from pace_app import __version__
from pace_app.arguments import duration
from pace_app.config.settings import Settings, load_settings
from pace_app.errors import PaceError
from pace_app.observability.logs import configure_logging
from pace_app.observability.scrub import secrets_from_settings

logger = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="pace", description="PACE App: labelled issues become reviewed pull requests."
    )
    parser.add_argument("--version", action="version", version=f"pace {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    commands.add_parser("serve", help="run the web server and workers in one process")
    commands.add_parser("web", help="run only the web server (webhook intake)")
    commands.add_parser("worker", help="run only the workers")
    commands.add_parser("doctor", help="check settings, key, database and GitHub")
    redeliver = commands.add_parser(
        "redeliver", help="ask GitHub to redeliver failed deliveries the store lacks"
    )
    redeliver.add_argument(
        "--since",
        default="6h",
        type=duration,
        help="how far back to look, e.g. 30m, 6h, 2d (default: 6h)",
    )
    redeliver.add_argument(
        "--dry-run", action="store_true", help="list what would be redelivered, change nothing"
    )
    receive = commands.add_parser(
        "receive", help="run one delivery from a file locally, jobs included"
    )
    receive.add_argument("-e", "--event", required=True, help="event name, e.g. issues")
    receive.add_argument("-p", "--payload", required=True, type=Path, help="payload JSON file")
    receive.add_argument("--delivery-id", help="delivery id (default: a new random one)")
    receive.add_argument(
        "--queue-only", action="store_true", help="only store the jobs, for a worker to run"
    )
    from pace_app.agents.sentinel.arguments import add_parser as add_sentinel

    add_sentinel(commands)
    from pace_app.plans.command import add_parser as add_plan

    add_plan(commands)
    from pace_app.reports.command import add_parser as add_reports

    add_reports(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    args = build_parser().parse_args(argv)
    if args.command == "sentinel":
        # SENTINEL standalone needs no App settings: it runs in CI on any checkout.
        from pace_app.agents.sentinel.command import run as run_sentinel

        return run_sentinel(args)
    try:
        settings = load_settings()
        _configure_observability(settings)
        return _dispatch(args, settings)
    except PaceError as exc:
        print(f"pace: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # pragma: no cover - signal handlers normally take SIGINT
        return 130


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    from pace_app import service

    if args.command == "serve" and not settings.has_app_credentials:
        anyio.run(service.run_setup, settings)
    elif args.command == "serve":
        settings.require_app()
        anyio.run(lambda: service.run(settings, web=True, worker=True))
    elif args.command == "web":
        settings.require_app_id()
        settings.require_webhook_secret()
        anyio.run(lambda: service.run(settings, web=True, worker=False))
    elif args.command == "worker":
        settings.require_app_id()
        settings.private_key_pem()
        anyio.run(lambda: service.run(settings, web=False, worker=True))
    elif args.command == "doctor":
        from pace_app.doctor import run_doctor

        return anyio.run(run_doctor, settings)
    elif args.command == "plan":
        from pace_app.plans.command import run as run_plan

        return run_plan(args, settings)
    elif args.command in ("runs", "spend"):
        from pace_app.reports.command import run as run_report

        return run_report(args, settings)
    elif args.command == "redeliver":
        from pace_app.redeliver import run_redeliver

        return anyio.run(lambda: run_redeliver(settings, args.since, dry_run=args.dry_run))
    else:
        from pace_app.receive import read_payload, receive

        body = read_payload(args.payload)
        delivery_id = args.delivery_id or str(uuid.uuid4())
        return anyio.run(
            lambda: receive(settings, args.event, body, delivery_id, queue_only=args.queue_only)
        )
    return 0


def _configure_observability(settings: Settings) -> None:
    secrets = secrets_from_settings(settings)
    configure_logging(settings.log_level, settings.log_format, secrets=secrets)
    if settings.sentry_dsn is None:
        return
    # Imported only when used: the SDK is over a third of the command line's start-up.
    from pace_app.observability.sentry import init_sentry

    dsn = settings.sentry_dsn.get_secret_value()
    init_sentry(dsn, environment=None, release=f"pace-app@{__version__}", secrets=secrets)
