"""The tool schemas the model sees, and validation of what it sends back."""

import pytest

from pace_app.agents.forge.tool_specs import (
    INPUT_MODELS,
    TOOL_NAMES,
    TOOL_SPECS,
    CompleteHandoffInput,
    RunBuildInput,
    RunTestsInput,
    SearchCodeInput,
    ToolSpec,
    parse_tool_input,
)
from pace_app.errors import ToolError

INTERFACE = {
    "list_files": ({"path"}, set()),
    "read_file": ({"path"}, {"start_line", "end_line"}),
    "write_file": ({"path", "content"}, set()),
    "edit_file": ({"path", "old_text", "new_text"}, set()),
    "search_code": ({"pattern"}, {"path"}),
    "run_build": (set(), set()),
    "run_tests": (set(), {"args"}),
    "complete_handoff": ({"summary"}, {"files_changed", "tests_added", "risks"}),
}


def test_the_tools_are_exactly_the_interface() -> None:
    assert [spec.name for spec in TOOL_SPECS] == list(INTERFACE)
    assert set(INTERFACE) == TOOL_NAMES == set(INPUT_MODELS)


@pytest.mark.parametrize("spec", TOOL_SPECS, ids=lambda spec: spec.name)
def test_each_schema_matches_its_input_model(spec: ToolSpec) -> None:
    api = spec.to_api()
    required, optional = INTERFACE[api["name"]]
    schema = api["input_schema"]
    assert set(api) == {"name", "description", "input_schema"}
    assert api["description"]
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == required
    assert set(schema["properties"]) == required | optional
    fields = INPUT_MODELS[api["name"]].model_fields
    assert set(fields) == required | optional
    assert {name for name, field in fields.items() if field.is_required()} == required


def test_to_api_returns_a_fresh_copy() -> None:
    api = TOOL_SPECS[0].to_api()
    api["input_schema"]["required"].append("mutated")
    assert TOOL_SPECS[0].to_api()["input_schema"]["required"] == ["path"]


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({}, ()),
        (
            {"args": "tests/test_a.py -k 'reset and not slow'"},
            ("tests/test_a.py", "-k", "reset and not slow"),
        ),
        ({"args": ["-x", "tests"]}, ("-x", "tests")),
        ({"args": ""}, ()),
    ],
)
def test_run_tests_args(arguments: dict[str, object], expected: tuple[str, ...]) -> None:
    parsed = parse_tool_input("run_tests", arguments)
    assert isinstance(parsed, RunTestsInput)
    assert parsed.args == expected


@pytest.mark.parametrize(
    ("arguments", "problem"),
    [
        ({"args": "-k 'unbalanced"}, "args: cannot split args: No closing quotation"),
        ({"args": [1, 2]}, "args.0: Input should be a valid string"),
        ({"args": 5}, "args: Input should be a valid tuple"),
    ],
)
def test_run_tests_bad_args(arguments: dict[str, object], problem: str) -> None:
    with pytest.raises(ToolError, match=problem):
        parse_tool_input("run_tests", arguments)


def test_complete_handoff_accepts_strings_for_lists() -> None:
    parsed = parse_tool_input(
        "complete_handoff",
        {"summary": "Done", "files_changed": ["a.py", "b.py"], "risks": "none known"},
    )
    assert parsed == CompleteHandoffInput(
        summary="Done", files_changed=("a.py", "b.py"), tests_added=(), risks=("none known",)
    )


def test_complete_handoff_needs_a_summary() -> None:
    with pytest.raises(ToolError, match="summary: String should have at least 1 character"):
        parse_tool_input("complete_handoff", {"summary": ""})


def test_run_build_takes_no_input_and_none_means_empty() -> None:
    assert parse_tool_input("run_build", None) == RunBuildInput()
    with pytest.raises(ToolError, match="run_build: invalid input: target: unknown field"):
        parse_tool_input("run_build", {"target": "all"})


def test_search_code_path_defaults_to_the_root() -> None:
    assert parse_tool_input("search_code", {"pattern": "x"}) == SearchCodeInput(
        pattern="x", path="."
    )


def test_at_most_five_problems_are_listed() -> None:
    arguments = {f"extra{n}": n for n in range(8)}
    with pytest.raises(ToolError) as caught:
        parse_tool_input("run_build", arguments)
    assert str(caught.value).count("unknown field") == 5


def test_values_are_not_echoed_in_errors() -> None:
    with pytest.raises(ToolError) as caught:
        parse_tool_input("read_file", {"path": "p", "start_line": "SECRET-VALUE"})
    assert "SECRET-VALUE" not in str(caught.value)


def test_unknown_tools_are_named() -> None:
    with pytest.raises(
        ToolError, match="unknown tool 'rm_rf'; the tools are complete_handoff, edit_file"
    ):
        parse_tool_input("rm_rf", {})
