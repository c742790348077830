"""The taint an expression carries: where it came from, how it got here, what cleaned it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal, TypeAlias

from pace_app.domain.findings import Step

Origin: TypeAlias = Literal["request", "argv", "input", "environment", "file", "param"]
ALL = "*"
MAX_STEPS = 12
MAX_TAINTS = 4


@dataclass(frozen=True, slots=True)
class Taint:
    """One reason a value is untrusted; ``param`` numbers a function parameter in summaries."""

    origin: Origin
    steps: tuple[Step, ...]
    param: int | None = None
    cleaned: frozenset[str] = frozenset()
    normalised: bool = False

    @property
    def key(self) -> tuple[str, int | None]:
        """Return what tells two taints apart when they merge."""
        return self.origin, self.param

    def clean_for(self, cwe: str) -> bool:
        """Say whether a sanitiser made the value safe for sinks of ``cwe``."""
        return ALL in self.cleaned or cwe in self.cleaned

    def then(self, step: Step) -> Taint:
        """Return the taint with one more step on its path (the path stays bounded)."""
        if self.steps and self.steps[-1] == step:
            return self
        steps = (*self.steps, step)
        if len(steps) > MAX_STEPS:
            steps = (steps[0], *steps[-(MAX_STEPS - 1) :])
        return replace(self, steps=steps)


Value: TypeAlias = tuple[Taint, ...]
CLEAN: Value = ()


def union(*values: Value) -> Value:
    """Merge values; of two taints with one origin the less cleaned one stays."""
    kept: dict[tuple[str, int | None], Taint] = {}
    for value in values:
        for taint in value:
            known = kept.get(taint.key)
            if known is None or len(taint.cleaned) < len(known.cleaned):
                kept[taint.key] = taint
    return tuple(list(kept.values())[:MAX_TAINTS])


def cleaned(value: Value, cwes: Iterable[str]) -> Value:
    """Return the value marked safe for ``cwes`` (``*`` for every sink)."""
    marks = frozenset(cwes)
    return tuple(replace(t, cleaned=t.cleaned | marks) for t in value)


def normalised(value: Value) -> Value:
    """Return the value marked as a normalised path (a containment check can now clean it)."""
    return tuple(replace(t, normalised=True) for t in value)


def stepped(value: Value, step: Step) -> Value:
    """Return the value with ``step`` added to every taint's path."""
    return tuple(t.then(step) for t in value)


def dangerous(value: Value, cwe: str) -> Value:
    """Return the taints that no sanitiser made safe for ``cwe``."""
    return tuple(t for t in value if not t.clean_for(cwe))
