"""Uvicorn, with signal handling left to the process that also runs workers."""

from __future__ import annotations

import contextlib
from collections.abc import Generator

import uvicorn


class Server(uvicorn.Server):
    """A uvicorn server whose shutdown is driven by ``should_exit`` from outside."""

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        """Leave SIGTERM/SIGINT to the caller, which drains workers before exiting."""
        yield
