"""Which repository documents FORGE takes as instructions, and how much of each."""

from pace_app.agents.forge import instructions
from pace_app.agents.forge.instructions import Instruction, select_instructions


def test_known_documents_in_a_fixed_order_each_text_once() -> None:
    chosen = select_instructions(
        [
            (".github/copilot-instructions.md", "Prefer pytest."),
            ("CLAUDE.md", "  Same.  "),
            ("AGENTS.md", "Same."),
            ("AGENTS.md", "A second AGENTS.md is ignored."),
            ("docs/AGENTS.md", "Not at the root."),
            ("CONTRIBUTING.md", "Not an instruction file."),
        ]
    )

    assert chosen == (
        Instruction("AGENTS.md", "Same."),
        Instruction(".github/copilot-instructions.md", "Prefer pytest."),
    )


def test_empty_documents_are_skipped() -> None:
    assert select_instructions([("AGENTS.md", " \n "), ("CLAUDE.md", "")]) == ()


def test_each_document_and_the_total_are_bounded() -> None:
    big = "x" * (instructions.MAX_DOCUMENT_CHARS + 10)

    chosen = select_instructions(
        [("AGENTS.md", big), ("CLAUDE.md", "y" + big), (".github/copilot-instructions.md", "z")]
    )

    assert [document.path for document in chosen] == ["AGENTS.md", "CLAUDE.md"]
    assert all(document.truncated for document in chosen)
    assert sum(len(document.text) for document in chosen) <= instructions.MAX_TOTAL_CHARS
