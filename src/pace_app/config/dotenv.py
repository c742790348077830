"""Write settings into a ``.env`` file without clobbering what an operator put there."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from dotenv import dotenv_values

from pace_app.errors import SettingsError

_ASSIGNMENT = re.compile(r"\A\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=")


def quote_value(value: str) -> str:
    """Quote a value for ``.env`` literally; newlines become ``\\n`` on one line."""
    one_line = value.replace("\r\n", "\n").replace("\n", "\\n")
    if "'" in one_line:
        raise ValueError("a value holding a single quote cannot be written literally")
    return f"'{one_line}'"


def merge_dotenv(
    existing: str, values: Mapping[str, str], current: Mapping[str, str | None]
) -> str:
    """Return ``existing`` with ``values`` set; raise if one would replace another value.

    ``current`` is what the file holds now, parsed; a variable already set to the same
    value is left alone, an empty one is filled in, a different one is refused.
    """
    for name, value in values.items():
        held = current.get(name)
        if held and held != value.replace("\r\n", "\n").replace("\n", "\\n") and held != value:
            raise SettingsError(name, "is already set in .env to a different value; left as is")
    lines = existing.splitlines()
    pending = {name: value for name, value in values.items() if not current.get(name)}
    for index, line in enumerate(lines):
        match = _ASSIGNMENT.match(line)
        if match and match.group(1) in pending:
            name = match.group(1)
            lines[index] = f"{name}={quote_value(pending.pop(name))}"
    lines.extend(f"{name}={quote_value(value)}" for name, value in pending.items())
    return "\n".join(lines) + "\n"


def write_dotenv(path: Path, values: Mapping[str, str]) -> None:
    """Set ``values`` in the ``.env`` at ``path`` (mode 0600), keeping its other lines."""
    existing = path.read_text(encoding="utf-8") if path.is_file() else ""
    current = dotenv_values(path) if path.is_file() else {}
    text = merge_dotenv(existing, values, current)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    # Created 0600 from the start, so the secrets are never readable by others.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
