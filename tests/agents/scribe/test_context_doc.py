"""Rendering and merging engineering.md: stable output, kept notes, the size bound."""

from __future__ import annotations

from datetime import date

from pace_app.agents.scribe.context_doc import (
    Commands,
    Notes,
    append_decisions,
    clean_item,
    clean_items,
    decision_entry,
    parse_document,
    render_document,
)
from pace_app.agents.scribe.symbols import (
    Class,
    Function,
    Module,
    ModuleTests,
    SymbolIndex,
    TechSummary,
)

INDEX = SymbolIndex(
    modules=(
        Module(
            "shop.widgets",
            "src/shop/widgets.py",
            "Widgets and their makers.",
            (Class("Widget", ("Base",), (Function("grow", "(self, by: int) -> Widget"),)),),
            (Function("load", "(path: str) -> None", is_async=True),),
        ),
        Module("shop", "src/shop/__init__.py", "", (), ()),
        Module("tools.run", "tools/run.py", "Run things.", (), (Function("main", "() -> int"),)),
    ),
    test_modules=(ModuleTests("tests/test_widgets.py", 4),),
    not_indexed=(("src/shop/new.py", "syntax error at line 3: invalid syntax"),),
)
TECH = TechSummary(
    python_name="shop",
    requires_python=">=3.11",
    dependencies=("httpx>=0.27",),
    node_name="shop-ui",
    node_scripts=(("test", "vitest"),),
    test_dirs=("tests",),
    test_modules=1,
    tests=4,
    uses_pytest=True,
)
COMMANDS = Commands(setup="uv sync", build=None, test="uv run pytest", primary_language="python")
NOTES = Notes(
    test_patterns=("Tests mirror src.",),
    conventions=("One idea per module.",),
    decisions=("2024-05-01 #3: Use httpx for HTTP.",),
    known_gaps=("No retries on upload.",),
)


def sections(text: str) -> list[str]:
    return [line[3:] for line in text.splitlines() if line.startswith("## ")]


def test_render_has_every_section_in_order() -> None:
    text = render_document(INDEX, TECH, COMMANDS, NOTES)
    assert text.startswith("# Engineering context\n\n_Maintained by PACE SCRIBE.")
    assert sections(text) == [
        "Module map",
        "Public types and functions",
        "Tech stack and commands",
        "Test patterns",
        "Conventions",
        "Decisions",
        "Known gaps",
    ]
    assert "### shop\n\n- `shop` (`src/shop/__init__.py`)\n" in text
    assert "- `shop.widgets` (`src/shop/widgets.py`) — Widgets and their makers." in text
    assert "### tools\n" in text
    assert "- `src/shop/new.py`: syntax error at line 3" in text
    assert "### `src/shop/widgets.py` (`shop.widgets`)" in text
    assert "- `class Widget(Base)`\n  - `def grow(self, by: int) -> Widget`" in text
    assert "- `async def load(path: str) -> None`" in text
    assert "- Test command: `uv run pytest`" in text
    assert "- Tests (pytest): 1 test modules, 4 tests, in `tests/`" in text
    assert "- npm script `test`: `vitest`" in text
    assert "- 2024-05-01 #3: Use httpx for HTTP." in text
    assert text.endswith("- No retries on upload.\n")


def test_same_input_same_output_and_round_trip() -> None:
    text = render_document(INDEX, TECH, COMMANDS, NOTES)
    shuffled = SymbolIndex(tuple(reversed(INDEX.modules)), INDEX.test_modules, INDEX.not_indexed)
    assert render_document(shuffled, TECH, COMMANDS, NOTES) == text
    assert parse_document(text) == NOTES
    assert render_document(INDEX, TECH, COMMANDS, parse_document(text)) == text


def test_empty_sections_say_so() -> None:
    text = render_document(SymbolIndex((), (), ()), TechSummary(), Commands(), Notes())
    assert text.count("_None recorded._") == 7
    assert parse_document(text) == Notes()


def test_human_sections_are_kept_verbatim() -> None:
    text = render_document(INDEX, TECH, COMMANDS, NOTES)
    human = (
        "## Deployment notes\n\nAsk ops first.\n\n```md\n## Not a heading\n```\n\n"
        "### Detail\n\n- keep me\n"
    )
    edited = text.replace("## Conventions", human + "\n## Conventions")
    notes = parse_document(edited)
    assert notes.other_sections == (
        (
            "Deployment notes",
            "Ask ops first.\n\n```md\n## Not a heading\n```\n\n### Detail\n\n- keep me",
        ),
    )
    rendered = render_document(INDEX, TECH, COMMANDS, notes)
    assert rendered.endswith(human)
    assert parse_document(rendered) == notes


def test_decisions_are_appended_and_deduplicated() -> None:
    first = decision_entry(date(2024, 6, 2), 7, "Store files  in S3.")
    assert first == "2024-06-02 #7: Store files in S3."
    again = decision_entry(date(2024, 6, 9), 8, "store files in s3.")
    log = append_decisions(NOTES.decisions, [first, again, first])
    assert log == ("2024-05-01 #3: Use httpx for HTTP.", "2024-06-02 #7: Store files in S3.")
    assert append_decisions(log, ["Use HTTPX for HTTP.", ""]) == log


def test_model_text_becomes_one_safe_line() -> None:
    assert clean_item("## Heading\nand\u202eline\x00") == "Heading and line"
    assert clean_item("- x" + "y" * 500).endswith("…")
    assert len(clean_item("y" * 500)) == 400
    assert clean_items(["a", "A", " ", "b"]) == ("a", "b")
    assert len(clean_items(str(i) for i in range(100))) == 30


def big_index(count: int) -> SymbolIndex:
    modules = tuple(
        Module(
            f"pkg.sub{i % 7}.mod{i:04d}",
            f"src/pkg/sub{i % 7}/mod{i:04d}.py",
            "A module docstring that takes up a fair amount of room in the map.",
            (
                Class(
                    "Thing", ("Base",), tuple(Function(f"m{j}", "(self) -> None") for j in range(5))
                ),
            ),
            (Function("run", "(value: int, other: str) -> None"),),
        )
        for i in range(count)
    )
    return SymbolIndex(modules, (), (), truncated=True)


def test_size_bound_trims_module_detail_first() -> None:
    index = big_index(60)
    full = render_document(index, TECH, COMMANDS, NOTES)
    for limit in (len(full) - 1, 12_000, 8_000, 4_000):
        text = render_document(index, TECH, COMMANDS, NOTES, limit=limit)
        assert len(text) <= limit
        assert parse_document(text) == NOTES
    smallest = render_document(index, TECH, COMMANDS, NOTES, limit=4_000)
    assert "more modules not listed" in smallest
    assert "- `pkg`: 60 modules" in smallest


def test_notes_alone_over_the_limit_are_cut() -> None:
    notes = Notes(decisions=tuple(f"2024-01-01 #1: decision {i} " + "x" * 300 for i in range(40)))
    text = render_document(big_index(3), TECH, COMMANDS, notes, limit=5_000)
    assert len(text) <= 5_000
    assert text.endswith("[… document trimmed to stay within its size limit …]\n")
    assert "_Omitted: the document is at its size limit._" in text
    small = Notes(decisions=tuple(f"2024-01-01 #1: decision {i}" for i in range(3)))
    fits = render_document(big_index(200), TECH, COMMANDS, small, limit=2_000)
    assert len(fits) <= 2_000
    assert parse_document(fits) == small
