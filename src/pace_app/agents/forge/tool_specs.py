"""FORGE's tools as the model sees them, and validation of what the model sends.

Tool names and required inputs are an interface: scripted model sessions depend on them.
"""

from __future__ import annotations

import copy
import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pace_app.errors import ToolError

MAX_WRITE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class ToolSpec:
    """One tool: its name, what it does, and the JSON schema of its input."""

    name: str
    description: str
    input_schema: Mapping[str, Any]

    def to_api(self) -> dict[str, Any]:
        """Return the tool as a fresh dict in the Messages API's tool format."""
        return {
            "name": self.name,
            "description": self.description,
            "input_schema": copy.deepcopy(dict(self.input_schema)),
        }


def _schema(required: tuple[str, ...], **properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(required),
        "additionalProperties": False,
    }


_PATH = {"type": "string", "description": "Path relative to the repository root."}
_STRINGS = {"type": "array", "items": {"type": "string"}}

TOOL_SPECS: tuple[ToolSpec, ...] = (
    ToolSpec(
        "list_files",
        "List files and directories under a path, recursively, sorted; directories end "
        "with '/'. Use '.' for the repository root. .git is never shown.",
        _schema(("path",), path=_PATH),
    ),
    ToolSpec(
        "read_file",
        "Read a text file. Lines are numbered from 1; give start_line and end_line to "
        "read part of a long file.",
        _schema(
            ("path",),
            path=_PATH,
            start_line={"type": "integer", "minimum": 1, "description": "First line, from 1."},
            end_line={"type": "integer", "minimum": 1, "description": "Last line, inclusive."},
        ),
    ),
    ToolSpec(
        "write_file",
        "Create or replace a whole file with the given content. Parent directories are "
        "created. Prefer edit_file for small changes to an existing file.",
        _schema(("path", "content"), path=_PATH, content={"type": "string"}),
    ),
    ToolSpec(
        "edit_file",
        "Replace one exact occurrence of old_text with new_text. old_text must match the "
        "file exactly (whitespace included) and occur exactly once; include surrounding "
        "lines to make it unique.",
        _schema(
            ("path", "old_text", "new_text"),
            path=_PATH,
            old_text={"type": "string"},
            new_text={"type": "string"},
        ),
    ),
    ToolSpec(
        "search_code",
        "Search text files with a Python regular expression; answers 'path:line: text' "
        "for each matching line. Give path to search one file or directory.",
        _schema(
            ("pattern",),
            pattern={"type": "string", "description": "A Python regular expression."},
            path=_PATH,
        ),
    ),
    ToolSpec(
        "run_build",
        "Run the repository's build command in the sandbox and return its output.",
        _schema(()),
    ),
    ToolSpec(
        "run_tests",
        "Run the repository's test command in the sandbox. A pytest or unittest log is "
        "cut to its failures and totals, saying how many lines were left out. args are "
        "appended to the test command, e.g. 'tests/test_login.py -k reset'.",
        _schema(
            (), args={"type": "string", "description": "Extra arguments for the test command."}
        ),
    ),
    ToolSpec(
        "complete_handoff",
        "Finish: call this once the story is implemented and the tests pass. Summarise "
        "what changed for the reviewers.",
        _schema(
            ("summary",),
            summary={"type": "string", "description": "What was done and why."},
            files_changed=_STRINGS,
            tests_added=_STRINGS,
            risks=_STRINGS,
        ),
    ),
)

TOOL_NAMES = frozenset(spec.name for spec in TOOL_SPECS)


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ListFilesInput(_Input):
    """Input of ``list_files``."""

    path: str


class ReadFileInput(_Input):
    """Input of ``read_file``."""

    path: str
    start_line: int | None = Field(default=None, ge=1)
    end_line: int | None = Field(default=None, ge=1)


class WriteFileInput(_Input):
    """Input of ``write_file``."""

    path: str
    content: str

    @field_validator("content")
    @classmethod
    def _size(cls, value: str) -> str:
        if len(value.encode("utf-8", errors="replace")) > MAX_WRITE_BYTES:
            raise ValueError(f"content is larger than {MAX_WRITE_BYTES // 1024} KiB")
        return value


class EditFileInput(_Input):
    """Input of ``edit_file``."""

    path: str
    old_text: str = Field(min_length=1)
    new_text: str


class SearchCodeInput(_Input):
    """Input of ``search_code``."""

    pattern: str = Field(min_length=1, max_length=1000)
    path: str = "."


class RunBuildInput(_Input):
    """Input of ``run_build`` (none)."""


class RunTestsInput(_Input):
    """Input of ``run_tests``; a string of arguments is split as a shell would."""

    args: tuple[str, ...] = ()

    @field_validator("args", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            try:
                return tuple(shlex.split(value))
            except ValueError as exc:
                raise ValueError(f"cannot split args: {exc}") from None
        return tuple(value) if isinstance(value, list) else value


class CompleteHandoffInput(_Input):
    """Input of ``complete_handoff``; a single string is accepted for any list."""

    summary: str = Field(min_length=1, max_length=20_000)
    files_changed: tuple[str, ...] = ()
    tests_added: tuple[str, ...] = ()
    risks: tuple[str, ...] = ()

    @field_validator("files_changed", "tests_added", "risks", mode="before")
    @classmethod
    def _listify(cls, value: object) -> object:
        if isinstance(value, str):
            return (value,)
        return tuple(value) if isinstance(value, list) else value


ToolInput = (
    ListFilesInput
    | ReadFileInput
    | WriteFileInput
    | EditFileInput
    | SearchCodeInput
    | RunBuildInput
    | RunTestsInput
    | CompleteHandoffInput
)

INPUT_MODELS: Mapping[str, type[ToolInput]] = {
    "list_files": ListFilesInput,
    "read_file": ReadFileInput,
    "write_file": WriteFileInput,
    "edit_file": EditFileInput,
    "search_code": SearchCodeInput,
    "run_build": RunBuildInput,
    "run_tests": RunTestsInput,
    "complete_handoff": CompleteHandoffInput,
}


def parse_tool_input(name: str, arguments: object) -> ToolInput:
    """Validate a tool call's input, raising ``ToolError`` the model can act on."""
    model = INPUT_MODELS.get(name)
    if model is None:
        raise ToolError(
            f"unknown tool {name[:100]!r}; the tools are {', '.join(sorted(TOOL_NAMES))}"
        )
    if arguments is None:
        arguments = {}
    if not isinstance(arguments, dict):
        raise ToolError(f"{name}: the input must be a JSON object")
    try:
        return model.model_validate(arguments)
    except ValidationError as exc:
        problems = [_describe(error) for error in exc.errors()[:5]]
        raise ToolError(f"{name}: invalid input: " + "; ".join(problems)) from None


def _describe(error: Any) -> str:
    """Phrase one validation error as ``field: problem``, without echoing the value."""
    field = ".".join(str(part) for part in error["loc"]) or "input"
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        message = "unknown field"
    elif error["type"] == "missing":
        message = "required field is missing"
    return f"{field[:100]}: {message}"
