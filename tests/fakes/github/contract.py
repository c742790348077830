"""Requests checked against GitHub's REST description: path, parameters and JSON body.

OpenAPI 3.0 schemas are JSON Schema draft 4 plus ``nullable``; the validator is draft 4
with every keyword taught that ``null`` passes where ``nullable: true`` says so. Each
schema is compiled once per process, on first use, and shared by every fake.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from jsonschema import Draft4Validator, validators
from jsonschema.exceptions import ValidationError, best_match
from jsonschema.protocols import Validator
from referencing import Registry
from referencing.jsonschema import DRAFT4

from tests.fakes.github import openapi
from tests.fakes.github.openapi import Description, Match, Operation, Parameter

ROOT = "urn:github-rest-description"
MAX_REASON = 400

KeywordCheck = Callable[[Any, Any, Any, Mapping[str, Any]], Iterable[ValidationError] | None]


@dataclass(frozen=True)
class Refusal:
    """What GitHub answers to a request that breaks its contract (None: it ignores it), and why."""

    status: int | None
    message: str
    reason: str


@dataclass(frozen=True)
class Violation:
    """A request that broke GitHub's contract, kept so the test that sent it fails."""

    method: str
    path: str
    query: str
    status: int | None
    reason: str

    def __str__(self) -> str:
        target = f"{self.path}?{self.query}" if self.query else self.path
        answer = f"answered {self.status}" if self.status else "GitHub ignores it"
        return f"{self.method} {target}: {self.reason} ({answer})"


@functools.cache
def shared() -> Contract | None:
    """Return the contract of the installed description, or None when it is missing."""
    description = openapi.load()
    return None if description is None else Contract(description)


def _nullable(check: KeywordCheck) -> KeywordCheck:
    def checked(
        validator: Any, value: Any, instance: Any, schema: Mapping[str, Any]
    ) -> Iterable[ValidationError]:
        if instance is None and schema.get("nullable") is True:
            return ()
        return check(validator, value, instance, schema) or ()

    return checked


# The stubs leave extend() untyped; the class it returns is a draft 4 validator.
OpenApiValidator: type[Validator] = validators.extend(  # type: ignore[no-untyped-call]
    Draft4Validator,
    {keyword: _nullable(check) for keyword, check in Draft4Validator.VALIDATORS.items()},
)


class Contract:
    """Check requests against one description, compiling each schema the first time."""

    def __init__(self, description: Description) -> None:
        self.description = description
        resource = DRAFT4.create_resource(dict(description.document))
        self._registry: Registry[Any] = Registry().with_resource(ROOT, resource)
        self._validators: dict[str, Validator] = {}

    def __repr__(self) -> str:
        return f"Contract({self.description!r})"

    def match(self, method: str, path: str) -> Match | Refusal:
        """Return the operation for the request, or GitHub's 404 for an unknown one."""
        found = self.description.match(method, path)
        if found is None:
            reason = f"{method} {path} is not an operation of GitHub's REST API"
            return Refusal(404, "Not Found", reason)
        return found

    def request_problem(self, match: Match, query: str, body: bytes) -> Refusal | None:
        """Return how the request's parameters or body break the operation's schemas."""
        operation = match.operation
        for name, raw in match.path_params.items():
            param = operation.parameters.get(name)
            if param is not None and (error := self._value_error(param, raw)):
                return Refusal(404, "Not Found", f"path parameter {name}: {error}")
        seen = set()
        ignored: Refusal | None = None
        for name, raw in parse_qsl(query, keep_blank_values=True):
            seen.add(name)
            param = operation.parameters.get(name)
            if param is None or param.location != "query":
                # GitHub ignores what it does not know, so the answer is a normal one.
                ignored = Refusal(None, "", f"query parameter {name!r} is not documented")
                continue
            if error := self._value_error(param, raw):
                return Refusal(422, "Validation Failed", f"query parameter {name}: {error}")
        for param in operation.parameters.values():
            if param.location == "query" and param.required and param.name not in seen:
                return Refusal(
                    422, "Validation Failed", f"query parameter {param.name} is required"
                )
        return self._body_problem(operation, body) or ignored

    def _body_problem(self, operation: Operation, body: bytes) -> Refusal | None:
        if operation.body_pointer is None:
            return None
        if not body.strip():
            if operation.body_required:
                return Refusal(400, "Problems parsing JSON", "the request body is required")
            return None
        try:
            document = json.loads(body)
        except ValueError:
            return Refusal(400, "Problems parsing JSON", "the request body is not JSON")
        error = self._schema_error(operation.body_pointer, document)
        if error is None:
            return None
        return Refusal(422, f"Invalid request.\n\n{error}", f"request body: {error}")

    def _value_error(self, param: Parameter, raw: str) -> str | None:
        return self._schema_error(param.schema_pointer, _coerce(param.schema, raw))

    def _schema_error(self, pointer: str, instance: Any) -> str | None:
        validator = self._validators.get(pointer)
        if validator is None:
            validator = OpenApiValidator({"$ref": ROOT + pointer}, registry=self._registry)
            self._validators[pointer] = validator
        error = best_match(validator.iter_errors(instance))
        if error is None:
            return None
        text = f"{error.json_path}: {error.message}"
        if len(text) > MAX_REASON:
            # jsonschema's message quotes the whole value; name the broken rule instead.
            text = f"{error.json_path}: fails {error.validator} {error.validator_value!r}"
        return text if len(text) <= MAX_REASON else text[: MAX_REASON - 1] + "…"


def _coerce(schema: Mapping[str, Any], raw: str) -> Any:
    """Turn a parameter's text into the JSON value its schema describes, where it can."""
    kind = schema.get("type")
    if kind == "integer":
        try:
            return int(raw)
        except ValueError:
            return raw
    if kind == "boolean":
        return {"true": True, "false": False}.get(raw, raw)
    if kind == "array":
        return raw.split(",") if raw else []
    return raw
