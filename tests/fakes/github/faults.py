"""Faults a test queues on the fake GitHub: each matches method + path and fires N times."""

from __future__ import annotations

import enum
import fnmatch
import threading
from dataclasses import dataclass


class FaultKind(enum.Enum):
    """What goes wrong."""

    SERVER_ERROR = "server_error"
    DROP = "drop"
    SECONDARY_RATE_LIMIT = "secondary_rate_limit"
    PRIMARY_RATE_LIMIT = "primary_rate_limit"
    UNPROCESSABLE = "unprocessable"


SECONDARY_LIMIT_MESSAGE = (
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
)


@dataclass
class Fault:
    """One queued fault; ``path`` is an fnmatch pattern such as ``/repos/*/issues/*``."""

    kind: FaultKind
    method: str
    path: str
    times: int = 1
    status: int = 502
    retry_after: int | None = 30
    reset_in: int = 120
    message: str = "Validation Failed"

    def matches(self, method: str, path: str) -> bool:
        """Say whether this fault applies to the request."""
        return self.method in {"*", method.upper()} and fnmatch.fnmatchcase(path, self.path)


class FaultQueue:
    """Faults in the order they were pushed; the first match fires and counts down."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        # Served over real HTTP, the fake runs on another thread than the test.
        self._lock = threading.Lock()

    def push(self, fault: Fault) -> Fault:
        """Queue a fault."""
        with self._lock:
            self._faults.append(fault)
        return fault

    def server_error(self, method: str, path: str, *, times: int = 1, status: int = 502) -> Fault:
        """Answer 5xx."""
        return self.push(Fault(FaultKind.SERVER_ERROR, method, path, times, status=status))

    def drop(self, method: str, path: str, *, times: int = 1) -> Fault:
        """Close the connection without a complete answer."""
        return self.push(Fault(FaultKind.DROP, method, path, times))

    def secondary_rate_limit(
        self,
        method: str,
        path: str,
        *,
        times: int = 1,
        retry_after: int | None = 30,
        status: int = 403,
    ) -> Fault:
        """Answer 403 (or 429) with GitHub's secondary-limit message, ``retry-after`` if given."""
        return self.push(
            Fault(
                FaultKind.SECONDARY_RATE_LIMIT,
                method,
                path,
                times,
                status=status,
                retry_after=retry_after,
            )
        )

    def primary_rate_limit(
        self, method: str, path: str, *, times: int = 1, reset_in: int = 120
    ) -> Fault:
        """Answer 403 with ``x-ratelimit-remaining: 0`` and a reset time."""
        return self.push(
            Fault(FaultKind.PRIMARY_RATE_LIMIT, method, path, times, reset_in=reset_in)
        )

    def unprocessable(
        self, method: str, path: str, *, times: int = 1, message: str = "Validation Failed"
    ) -> Fault:
        """Answer 422 with the given message."""
        return self.push(Fault(FaultKind.UNPROCESSABLE, method, path, times, message=message))

    def take(self, method: str, path: str) -> Fault | None:
        """Return the first fault matching the request and count one firing."""
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    fault.times -= 1
                    if fault.times <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    @property
    def pending(self) -> list[Fault]:
        """Return the faults still queued."""
        with self._lock:
            return list(self._faults)
