"""Keep a command's output bounded while it is being read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CappedOutput:
    """The text kept from a stream and whether anything was cut out of it."""

    text: str
    truncated: bool
    total_bytes: int


class OutputCap:
    """Retain the head and the tail of a byte stream within a fixed budget.

    The first half of the budget keeps the beginning (what was run, early errors),
    the second half a sliding tail (the failure summary test runners print last).
    Memory never exceeds the budget however much the command prints.
    """

    def __init__(self, limit: int) -> None:
        if limit < 2:
            raise ValueError("the output limit must be at least 2 bytes")
        self._head_limit = limit // 2
        self._tail_limit = limit - self._head_limit
        self._head = bytearray()
        self._tail = bytearray()
        self._total = 0

    @property
    def retained(self) -> int:
        """Return how many bytes are held right now."""
        return len(self._head) + len(self._tail)

    def feed(self, chunk: bytes) -> None:
        """Add the next chunk of the stream."""
        self._total += len(chunk)
        room = self._head_limit - len(self._head)
        if room > 0:
            self._head += chunk[:room]
            chunk = chunk[room:]
        if not chunk:
            return
        if len(chunk) >= self._tail_limit:
            self._tail = bytearray(chunk[-self._tail_limit :])
            return
        self._tail += chunk
        excess = len(self._tail) - self._tail_limit
        if excess > 0:
            del self._tail[:excess]

    def result(self) -> CappedOutput:
        """Decode what was kept, with a marker where bytes were left out."""
        omitted = self._total - self.retained
        if omitted == 0:
            # Decode in one piece so a character spanning head and tail stays whole.
            text = (self._head + self._tail).decode("utf-8", errors="replace")
            return CappedOutput(text, truncated=False, total_bytes=self._total)
        head = self._head.decode("utf-8", errors="replace")
        tail = self._tail.decode("utf-8", errors="replace")
        marker = f"\n[... {omitted} bytes of output omitted ...]\n"
        return CappedOutput(head + marker + tail, truncated=True, total_bytes=self._total)
