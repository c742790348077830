"""GitHub's REST description (npm ``@octokit/openapi``): where it lives, fetching it, reading it.

The description is never committed: CI and the test session fetch the pinned version
with npm into a cache outside the repository (``PACE_OPENAPI_DIR``, by default
``~/.cache/pace-app/openapi``). ``load()`` reads it once per process and indexes its
operations by method and path template for ``tests.fakes.github.contract``.
"""

from __future__ import annotations

import fcntl
import functools
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PACKAGE = "@octokit/openapi"
VERSION = "23.0.2"
CACHE_ENV = "PACE_OPENAPI_DIR"
REQUIRE_ENV = "PACE_TEST_REQUIRE_OPENAPI"
DOCUMENT = Path("node_modules/@octokit/openapi/generated/api.github.com.json")
NPM_TIMEOUT = 300
METHODS = ("get", "put", "post", "patch", "delete", "head")
# GitHub's own words on the operations that take the App JWT and nothing else.
_JWT_ONLY = re.compile(r"must use a \[JWT\]")
_PARAM = re.compile(r"\{([^}/]+)\}")
_SPANNING = frozenset({"ref", "path", "branch", "basehead"})


def cache_dir() -> Path:
    """Return the directory npm installs the description into."""
    configured = os.environ.get(CACHE_ENV)
    return Path(configured) if configured else Path.home() / ".cache" / "pace-app" / "openapi"


def document_path(directory: Path | None = None) -> Path:
    """Return the path of the description's JSON file."""
    return (directory or cache_dir()) / DOCUMENT


def installed_version(directory: Path | None = None) -> str | None:
    """Return the version of the package installed in the cache, if any."""
    manifest = (directory or cache_dir()) / "node_modules" / "@octokit" / "openapi" / "package.json"
    try:
        version = json.loads(manifest.read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None
    return str(version)


def ensure(directory: Path | None = None) -> str | None:
    """Install the pinned description with npm unless present; return why it is not, or None."""
    directory = directory or cache_dir()
    if installed_version(directory) == VERSION and document_path(directory).is_file():
        return None
    npm = shutil.which("npm")
    if npm is None:
        return f"npm is not installed, so {PACKAGE}@{VERSION} cannot be fetched"
    directory.mkdir(parents=True, exist_ok=True)
    with _locked(directory / ".lock"):
        # Another test worker may have installed it while this one waited for the lock.
        if installed_version(directory) == VERSION and document_path(directory).is_file():
            return None
        result = subprocess.run(
            [
                npm,
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(directory),
                f"{PACKAGE}@{VERSION}",
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=NPM_TIMEOUT,
        )
    if result.returncode != 0 or installed_version(directory) != VERSION:
        detail = result.stderr.strip().splitlines()[-1:] or ["no output"]
        return f"npm could not install {PACKAGE}@{VERSION}: {detail[0]}"
    return None


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass(frozen=True)
class Parameter:
    """A path or query parameter of an operation."""

    name: str
    location: str
    schema_pointer: str
    schema: Mapping[str, Any]
    required: bool


@dataclass(frozen=True)
class Operation:
    """One operation of the description, with what the contract checks need."""

    method: str
    template: str
    operation_id: str
    jwt_only: bool
    for_installations: bool
    parameters: Mapping[str, Parameter]
    body_pointer: str | None
    body_required: bool


@dataclass(frozen=True)
class Match:
    """An operation a request matched, with the path parameters it carried."""

    operation: Operation
    path_params: Mapping[str, str]


@dataclass
class Description:
    """The REST description, indexed for matching request paths to operations."""

    document: Mapping[str, Any]
    _by_shape: dict[tuple[str, int], list[tuple[re.Pattern[str], int, str]]] = field(
        default_factory=dict
    )
    _spanning: dict[str, list[tuple[re.Pattern[str], int, str]]] = field(default_factory=dict)
    _operations: dict[tuple[str, str], Operation] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for template, item in self.document["paths"].items():
            segments = template.strip("/").split("/")
            literals = sum(1 for s in segments if not _PARAM.fullmatch(s))
            exact = re.compile(_template_regex(template, spanning=False))
            spanning = re.compile(_template_regex(template, spanning=True))
            for method in METHODS:
                if method in item:
                    self._by_shape.setdefault((method.upper(), len(segments)), []).append(
                        (exact, literals, template)
                    )
                    self._spanning.setdefault(method.upper(), []).append(
                        (spanning, literals, template)
                    )

    def __repr__(self) -> str:
        return f"Description(version={self.document['info']['version']!r})"

    @property
    def version(self) -> str:
        """Return the description's version."""
        return str(self.document["info"]["version"])

    def match(self, method: str, path: str) -> Match | None:
        """Return the operation serving ``method path``, preferring literal segments."""
        method = method.upper()
        segments = path.strip("/").split("/")
        candidates = self._by_shape.get((method, len(segments)), [])
        found = _best(candidates, path) or _best(self._spanning.get(method, []), path)
        if found is None:
            return None
        template, params = found
        return Match(self.operation(method, template), params)

    def templates(self) -> list[str]:
        """Return every path template."""
        return list(self.document["paths"])

    def operation(self, method: str, template: str) -> Operation:
        """Return the operation for a method and path template (built once)."""
        key = (method.upper(), template)
        cached = self._operations.get(key)
        if cached is None:
            cached = self._build(*key)
            self._operations[key] = cached
        return cached

    def resolve(self, node: Any, pointer: str = "") -> tuple[Any, str]:
        """Follow local ``$ref`` links; return what they name and its JSON pointer."""
        while isinstance(node, Mapping) and "$ref" in node:
            pointer = str(node["$ref"])
            node = self.document
            for part in pointer.removeprefix("#/").split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
        return node, pointer

    def _build(self, method: str, template: str) -> Operation:
        item = self.document["paths"][template]
        at = f"#/paths/{_escape(template)}"
        raw = item[method.lower()]
        entries = [
            *((e, f"{at}/parameters/{i}") for i, e in enumerate(item.get("parameters", []))),
            *(
                (e, f"{at}/{method.lower()}/parameters/{i}")
                for i, e in enumerate(raw.get("parameters", []))
            ),
        ]
        parameters: dict[str, Parameter] = {}
        for entry, pointer in entries:
            param, pointer = self.resolve(entry, pointer)
            if param.get("in") in {"path", "query"}:
                parameters[param["name"]] = Parameter(
                    name=param["name"],
                    location=param["in"],
                    schema_pointer=f"{pointer}/schema",
                    schema=param.get("schema", {}),
                    required=bool(param.get("required", False)),
                )
        body, pointer = self.resolve(raw.get("requestBody"), f"{at}/{method.lower()}/requestBody")
        has_json = "application/json" in (body or {}).get("content", {})
        return Operation(
            method=method,
            template=template,
            operation_id=str(raw.get("operationId", f"{method} {template}")),
            jwt_only=bool(_JWT_ONLY.search(raw.get("description", ""))),
            for_installations=bool(raw.get("x-github", {}).get("enabledForGitHubApps", False)),
            parameters=parameters,
            body_pointer=f"{pointer}/content/application~1json/schema" if has_json else None,
            body_required=bool((body or {}).get("required", False)),
        )


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def _template_regex(template: str, *, spanning: bool) -> str:
    names = _PARAM.findall(template)
    pattern = ""
    position = 0
    for index, found in enumerate(_PARAM.finditer(template)):
        pattern += re.escape(template[position : found.start()])
        # Only a last ref, branch or file path may hold slashes (heads/main, src/a.py).
        wide = spanning and index == len(names) - 1 and found.group(1) in _SPANNING
        pattern += f"(?P<p{index}>{'.+' if wide else '[^/]+'})"
        position = found.end()
    return pattern + re.escape(template[position:]) + "/?"


def _best(
    candidates: list[tuple[re.Pattern[str], int, str]], path: str
) -> tuple[str, dict[str, str]] | None:
    best: tuple[int, str, dict[str, str]] | None = None
    for regex, literals, template in candidates:
        found = regex.fullmatch(path)
        if found is not None and (best is None or literals > best[0]):
            names = _PARAM.findall(template)
            params = {names[i]: found.group(f"p{i}") for i in range(len(names))}
            best = (literals, template, params)
    return None if best is None else (best[1], best[2])


@functools.cache
def load() -> Description | None:
    """Return the description, read once per process, or None when it is not installed."""
    path = document_path()
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        return Description(json.load(handle))
