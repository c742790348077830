"""What the last review round found, kept in the run record for the next FORGE retry.

GATE's failing tests and annotations and SENTINEL's findings are stored with their
places (``path:line``) so a ``/pace retry`` hours later feeds FORGE the same facts the
automatic retry had. ``to_json`` and ``from_json`` are the run record's stored form.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, Self, TypeVar

from pace_app.domain.findings import Finding
from pace_app.errors import StoreError
from pace_app.types import JSONObject

_Item = TypeVar("_Item", "FailingTest", "GateAnnotation", "SentinelFinding")


def location(path: str | None, line: int | None) -> str:
    """Return ``path:line``, the path alone, or an empty string."""
    if not path:
        return ""
    return path if line is None else f"{path}:{line}"


@dataclass(frozen=True)
class FailingTest:
    """A test GATE saw fail, where it failed and the end of what it printed."""

    __test__ = False  # not a pytest test class, despite the name

    name: str
    message: str
    path: str | None = None
    line: int | None = None
    output: str = ""

    @property
    def where(self) -> str:
        """Return ``path:line`` of the failure, or an empty string."""
        return location(self.path, self.line)


@dataclass(frozen=True)
class GateAnnotation:
    """A GATE check-run annotation: a message at a file and line."""

    path: str
    line: int
    message: str
    title: str = ""

    @property
    def where(self) -> str:
        """Return ``path:line``."""
        return location(self.path, self.line)


@dataclass(frozen=True)
class SentinelFinding:
    """A SENTINEL finding: its rule (scanner code, CWE or category) and place."""

    rule: str
    severity: str
    message: str
    path: str
    line: int | None = None
    fix: str = ""

    @classmethod
    def of(cls, finding: Finding) -> Self:
        """Keep what FORGE needs of a finding; its anchor (source text, hashes) stays out."""
        return cls(
            rule=finding.category,
            severity=finding.severity,
            message=finding.message,
            path=finding.path,
            line=finding.line,
            fix=finding.fix or "",
        )

    @property
    def where(self) -> str:
        """Return ``path:line`` (or the path for a whole-file finding)."""
        return location(self.path, self.line)


@dataclass(frozen=True)
class RetryFindings:
    """GATE and SENTINEL's findings on the latest pushed head.

    ``gate_problems`` holds what has no test or place: a failed setup or build command,
    an acceptance criterion not met. ``recorded`` holds findings of either agent kept
    only as text, as run records stored them before findings had places.
    """

    failing_tests: tuple[FailingTest, ...] = ()
    annotations: tuple[GateAnnotation, ...] = ()
    gate_problems: tuple[str, ...] = ()
    sentinel: tuple[SentinelFinding, ...] = ()
    recorded: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        parts = (self.failing_tests, self.annotations, self.gate_problems, self.sentinel)
        return any(parts) or bool(self.recorded)

    def to_json(self) -> JSONObject:
        """Return the findings as the run record stores them."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: object) -> Self:
        """Rebuild stored findings (a list is text findings); raise ``StoreError`` if bad."""
        if data is None:
            return cls()
        if isinstance(data, list) and all(isinstance(item, str) for item in data):
            return cls(recorded=tuple(data))
        if not isinstance(data, dict):
            raise StoreError("malformed retry findings: not an object")
        try:
            return cls(
                failing_tests=_items(FailingTest, data.get("failing_tests")),
                annotations=_items(GateAnnotation, data.get("annotations")),
                gate_problems=tuple(str(text) for text in data.get("gate_problems") or ()),
                sentinel=_items(SentinelFinding, data.get("sentinel")),
                recorded=tuple(str(text) for text in data.get("recorded") or ()),
            )
        except (TypeError, AttributeError) as exc:
            raise StoreError(f"malformed retry findings: {exc}") from None


def _items(kind: type[_Item], stored: Any) -> tuple[_Item, ...]:
    """Rebuild stored items, ignoring fields a newer version added."""
    names = {f.name for f in fields(kind)}
    return tuple(kind(**{k: v for k, v in item.items() if k in names}) for item in stored or ())
