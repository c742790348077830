"""Render and merge ``.pace/context/engineering.md``, the repository's engineering notes.

The document has three kinds of section. Generated ones (module map, public types,
tech stack) are rebuilt from the symbol index on every update. Model-written ones
(test patterns, conventions, known gaps) are bullets kept until the model replaces
them; Decisions is an append-only log. Any other ``##`` section was written by a person
and is carried over verbatim. Output depends only on the input, so an unchanged
repository gives an unchanged file and diffs stay small.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from operator import attrgetter

from pace_app.agents.scribe.symbols import Module, SymbolIndex, TechSummary

CONTEXT_PATH = ".pace/context/engineering.md"
MAX_DOCUMENT_CHARS = 60_000
MAX_ITEM_CHARS = 400
MAX_ITEMS = 30

TITLE = "# Engineering context"
NOTE = (
    "_Maintained by PACE SCRIBE. Module map, public types and tech stack are regenerated "
    "from the code on every update; Decisions is an append-only log; sections added by "
    "people are kept as written._"
)
MODULE_MAP = "Module map"
PUBLIC = "Public types and functions"
TECH = "Tech stack and commands"
TEST_PATTERNS = "Test patterns"
CONVENTIONS = "Conventions"
DECISIONS = "Decisions"
KNOWN_GAPS = "Known gaps"
MANAGED = (MODULE_MAP, PUBLIC, TECH, TEST_PATTERNS, CONVENTIONS, DECISIONS, KNOWN_GAPS)
_NONE = "_None recorded._"
_TRIMMED = "\n\n[… document trimmed to stay within its size limit …]\n"

_HEADING = re.compile(r"^##[ \t]+(.+?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Commands:
    """The commands the repository's config names, if any."""

    setup: str | None = None
    build: str | None = None
    test: str | None = None
    primary_language: str | None = None


@dataclass(frozen=True)
class Notes:
    """The parts of the document not generated from code."""

    test_patterns: tuple[str, ...] = ()
    conventions: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()
    known_gaps: tuple[str, ...] = ()
    other_sections: tuple[tuple[str, str], ...] = ()


def clean_item(text: str) -> str:
    """Return model text as one safe markdown line: no controls, no line breaks, bounded."""
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", text))
    text = " ".join(text.split()).lstrip("-*+# ")
    return text if len(text) <= MAX_ITEM_CHARS else text[: MAX_ITEM_CHARS - 1] + "…"


def clean_items(items: Iterable[str]) -> tuple[str, ...]:
    """Return cleaned, non-empty, de-duplicated items in order, at most ``MAX_ITEMS``."""
    seen: set[str] = set()
    result: list[str] = []
    for item in items:
        cleaned = clean_item(item)
        key = cleaned.casefold()
        if cleaned and key not in seen:
            seen.add(key)
            result.append(cleaned)
    return tuple(result[:MAX_ITEMS])


def decision_entry(day: date, issue_number: int, decision: str) -> str:
    """Return one Decisions log line (without the bullet)."""
    return f"{day.isoformat()} #{issue_number}: {clean_item(decision)}"


def append_decisions(existing: Sequence[str], new: Iterable[str]) -> tuple[str, ...]:
    """Return the log with ``new`` entries appended unless the same decision is already there."""
    seen = {_decision_key(entry) for entry in existing}
    result = list(existing)
    for entry in new:
        key = _decision_key(entry)
        if key and key not in seen:
            seen.add(key)
            result.append(entry)
    return tuple(result)


def parse_document(text: str) -> Notes:
    """Return the kept parts of an existing document: model notes, decisions, human sections."""
    sections = _split_sections(text)
    managed = {heading.casefold(): body for heading, body in sections}
    others = tuple(
        (heading, body)
        for heading, body in sections
        if heading.casefold() not in {m.casefold() for m in MANAGED}
    )

    def bullets(name: str) -> tuple[str, ...]:
        body = managed.get(name.casefold(), "")
        return tuple(
            line[2:].strip() for line in body.splitlines() if line.startswith(("- ", "* "))
        )

    return Notes(
        test_patterns=bullets(TEST_PATTERNS),
        conventions=bullets(CONVENTIONS),
        decisions=bullets(DECISIONS),
        known_gaps=bullets(KNOWN_GAPS),
        other_sections=others,
    )


def render_document(
    index: SymbolIndex,
    tech: TechSummary,
    commands: Commands,
    notes: Notes,
    *,
    limit: int = MAX_DOCUMENT_CHARS,
) -> str:
    """Render the whole document, trimming module detail first to stay within ``limit``."""
    fixed_tail = [
        _section(TECH, _tech_lines(tech, commands)),
        _section(TEST_PATTERNS, _bullets(notes.test_patterns)),
        _section(CONVENTIONS, _bullets(notes.conventions)),
        _section(DECISIONS, _bullets(notes.decisions)),
        _section(KNOWN_GAPS, _bullets(notes.known_gaps)),
        *(f"## {heading}\n\n{body.strip()}\n" for heading, body in notes.other_sections),
    ]
    head = f"{TITLE}\n\n{NOTE}\n"
    for map_lines, public_lines in _detail_levels(index):
        text = _join(
            [head, _section(MODULE_MAP, map_lines), _section(PUBLIC, public_lines), *fixed_tail]
        )
        if len(text) <= limit:
            return text
    # The kept notes alone are over the limit: list no modules and cut the end.
    bare = _join(
        [
            head,
            _section(MODULE_MAP, _package_lines(index, brief=True)),
            _section(PUBLIC, ["_Omitted: the document is at its size limit._"]),
            *fixed_tail,
        ]
    )
    if len(bare) <= limit:
        return bare
    return bare[: max(0, limit - len(_TRIMMED))] + _TRIMMED


def _detail_levels(index: SymbolIndex) -> Iterable[tuple[list[str], list[str]]]:
    """Yield (module map, public types) line lists from most to least detailed."""
    modules = sorted(index.modules, key=lambda m: m.path)
    yield _module_lines(index, docs=True), _public_lines(modules, methods=True)
    yield _module_lines(index, docs=False), _public_lines(modules, methods=True)
    yield _package_lines(index, brief=False), _public_lines(modules, methods=True)
    yield _package_lines(index, brief=False), _public_lines(modules, methods=False)
    for keep in _shrinking(len(modules)):
        listed = _public_lines(modules[:keep], methods=False)
        listed.append(f"- … {len(modules) - keep} more modules not listed")
        yield _package_lines(index, brief=True), listed


def _shrinking(total: int) -> Iterable[int]:
    keep = total
    while keep > 0:
        keep //= 2
        yield keep


def _module_lines(index: SymbolIndex, *, docs: bool) -> list[str]:
    lines: list[str] = []
    for package, modules in _by_package(index.modules):
        lines += ["", f"### {package}", ""]
        for module in modules:
            doc = f" — {module.doc}" if docs and module.doc else ""
            lines.append(f"- `{module.name}` (`{module.path}`){doc}")
    return _with_footer(lines, index)


def _package_lines(index: SymbolIndex, *, brief: bool) -> list[str]:
    lines: list[str] = []
    for package, group in _by_package(index.modules):
        modules = list(group)
        lines.append(f"- `{package}`: {len(modules)} modules")
        if not brief:
            subpackages = sorted({".".join(m.name.split(".")[:2]) for m in modules} - {package})
            if subpackages:
                lines[-1] += " in " + ", ".join(f"`{s}`" for s in subpackages)
    return lines if brief else _with_footer(lines, index)


def _with_footer(lines: list[str], index: SymbolIndex) -> list[str]:
    if index.truncated:
        lines += [
            "",
            "_The repository has more files than the index reads; the rest are unlisted._",
        ]
    if index.not_indexed:
        lines += ["", "### Not indexed", ""]
        lines += [f"- `{path}`: {reason}" for path, reason in index.not_indexed]
    return lines


def _public_lines(modules: Sequence[Module], *, methods: bool) -> list[str]:
    lines: list[str] = []
    for module in modules:
        if not module.classes and not module.functions:
            continue
        lines += ["", f"### `{module.path}` (`{module.name}`)", ""]
        for cls in module.classes:
            lines.append(f"- `{cls.render()}`")
            if methods:
                lines += [f"  - `{method.render()}`" for method in cls.methods]
        lines += [f"- `{function.render()}`" for function in module.functions]
    return lines


def _tech_lines(tech: TechSummary, commands: Commands) -> list[str]:
    facts: list[tuple[str, str | None]] = [
        ("Primary language", commands.primary_language),
        ("Python project", tech.python_name),
        ("Requires Python", tech.requires_python),
        ("Node package", tech.node_name),
        ("Setup command", _code(commands.setup)),
        ("Build command", _code(commands.build)),
        ("Test command", _code(commands.test)),
    ]
    lines = [f"- {label}: {value}" for label, value in facts if value]
    if tech.dependencies:
        lines.append("- Dependencies: " + ", ".join(f"`{d}`" for d in tech.dependencies))
    lines += [f"- npm script `{name}`: `{command}`" for name, command in tech.node_scripts]
    if tech.test_modules:
        runner = " (pytest)" if tech.uses_pytest else ""
        where = ", ".join(f"`{d}/`" for d in tech.test_dirs) or "the repository root"
        lines.append(
            f"- Tests{runner}: {tech.test_modules} test modules, {tech.tests} tests, in {where}"
        )
    return lines


def _by_package(modules: Sequence[Module]) -> Iterable[tuple[str, Iterable[Module]]]:
    ordered = sorted(modules, key=lambda m: (m.package, m.name, m.path))
    return groupby(ordered, key=attrgetter("package"))


def _code(command: str | None) -> str | None:
    return f"`{clean_item(command)}`" if command else None


def _bullets(items: Sequence[str]) -> list[str]:
    return [f"- {item}" for item in items]


def _section(heading: str, lines: Sequence[str]) -> str:
    body = "\n".join(lines).strip("\n") or _NONE
    return f"## {heading}\n\n{body}\n"


def _join(parts: Sequence[str]) -> str:
    return "\n".join(part.rstrip("\n") + "\n" for part in parts)


def _decision_key(entry: str) -> str:
    """Return what makes two log entries the same decision: the text after ``#N:``."""
    match = re.match(r"^\d{4}-\d{2}-\d{2}\s+#\d+:\s*(.*)$", entry)
    text = match.group(1) if match else entry
    return " ".join(text.split()).casefold()


def _split_sections(text: str) -> list[tuple[str, str]]:
    """Split markdown into ``##`` sections (heading, body), ignoring headings in code fences."""
    sections: list[tuple[str, list[str]]] = []
    fence: str | None = None
    for line in text.replace("\r\n", "\n").split("\n"):
        marker = _FENCE.match(line)
        if marker:
            token = marker.group(1)
            if fence is None:
                fence = token
            elif token[0] == fence[0] and len(token) >= len(fence):
                fence = None
        heading = _HEADING.match(line) if fence is None and not marker else None
        if heading:
            sections.append((heading.group(1), []))
        elif sections:
            sections[-1][1].append(line)
    return [(heading, "\n".join(body).strip("\n")) for heading, body in sections]
