"""Find out, once per bwrap binary, whether bubblewrap can create a sandbox here."""

from __future__ import annotations

import logging
import subprocess

import anyio

from pace_app.sandbox.environment import SYSTEM_PATH_DIRS

logger = logging.getLogger(__name__)

PROBE_TIMEOUT = 10.0
# bwrap is a fixed program; whether it works only changes with the host, so one answer
# per binary serves the whole process. Two concurrent first calls may both probe,
# which is harmless, so there is no lock (a lock would tie itself to one event loop).
_verdicts: dict[str, str | None] = {}


async def bwrap_problem(bwrap: str, *, limit: float = PROBE_TIMEOUT) -> str | None:
    """Return why ``bwrap`` cannot sandbox on this host, or None when it can.

    ``limit`` bounds the trial run in seconds.
    """
    if bwrap not in _verdicts:
        problem = await _probe(bwrap, limit)
        _verdicts[bwrap] = problem
        logger.info("bubblewrap probed", extra={"bwrap": bwrap, "usable": problem is None})
    return _verdicts[bwrap]


async def _probe(bwrap: str, limit: float) -> str | None:
    # User namespaces are often disabled in containers; only running bwrap tells.
    argv = [bwrap, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "true"]
    try:
        with anyio.fail_after(limit):
            result = await anyio.run_process(
                argv,
                check=False,
                stdin=subprocess.DEVNULL,
                env={"PATH": ":".join(SYSTEM_PATH_DIRS)},
            )
    except TimeoutError:  # before OSError, of which it is a subclass
        return "bwrap did not answer a trial run in time"
    except OSError as exc:
        return f"bwrap could not be started ({exc.strerror or exc})"
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", errors="replace").strip()[-300:]
        return f"bwrap cannot create a sandbox here ({detail or f'exit {result.returncode}'})"
    return None
