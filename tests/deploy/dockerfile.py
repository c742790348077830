"""A small Dockerfile reader: instructions per stage, with ARG defaults substituted."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Inside a container the server must listen on every interface to be reachable.
ALL_INTERFACES = "0.0.0.0"  # noqa: S104


@dataclass(frozen=True)
class Instruction:
    """One Dockerfile instruction, continuation lines joined."""

    keyword: str
    args: str


@dataclass
class Stage:
    """One ``FROM`` stage and the instructions under it."""

    image: str
    name: str | None
    instructions: list[Instruction] = field(default_factory=list)

    def all(self, keyword: str) -> list[str]:
        """Return the arguments of every instruction with ``keyword``."""
        return [i.args for i in self.instructions if i.keyword == keyword]

    def env(self) -> dict[str, str]:
        """Return the variables the stage's ``ENV`` instructions set."""
        found: dict[str, str] = {}
        for args in self.all("ENV"):
            for pair in shlex.split(args):
                key, _, value = pair.partition("=")
                found[key] = value
        return found


def instructions(text: str) -> list[Instruction]:
    """Split Dockerfile text into instructions, dropping comments and blank lines."""
    logical: list[str] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        logical.append(pending + line)
        pending = ""
    result = []
    for line in logical:
        keyword, _, args = line.partition(" ")
        result.append(Instruction(keyword.upper(), " ".join(args.split())))
    return result


def stages(path: Path = ROOT / "Dockerfile") -> list[Stage]:
    """Return the Dockerfile's stages with global ARG defaults filled into FROM."""
    defaults: dict[str, str] = {}
    found: list[Stage] = []
    for instruction in instructions(path.read_text(encoding="utf-8")):
        if instruction.keyword == "ARG" and not found:
            variable, _, value = instruction.args.partition("=")
            defaults[variable] = value
        elif instruction.keyword == "FROM":
            image = re.sub(
                r"\$\{?(\w+)\}?", lambda m: defaults.get(m.group(1), m.group(0)), instruction.args
            )
            parts = image.split()
            name = parts[2] if len(parts) == 3 and parts[1].upper() == "AS" else None
            found.append(Stage(parts[0], name))
        else:
            found[-1].instructions.append(instruction)
    return found
