"""The repository's ``pace.config.yaml``: parsing, validation and inferred defaults.

The file is untrusted repository content. It is read with ``yaml.safe_load`` (no
arbitrary objects) after a size cap. That pair is enough against alias bombs here:
PyYAML builds an alias as a reference to the object already built, so loading stays
linear in the file size; the key check below visits each object once, and validation
never walks into free-form values.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pace_app.config.yaml_text import YamlProblem, clip, load_yaml
from pace_app.domain.conventions import (
    Conventions,
    branch_prefix_problem,
    command_problem,
    label_problem,
)
from pace_app.errors import RepoConfigError
from pace_app.sandbox.policy import SandboxRequest

CONFIG_PATHS = ("pace.config.yaml", "pace/pace.config.yaml")
MAX_CONFIG_BYTES = 256 * 1024


class _Section(BaseModel):
    """Base of every config model: extra keys are kept so they can be reported."""

    model_config = ConfigDict(extra="allow", frozen=True, coerce_numbers_to_str=True)


class Product(_Section):
    """What the repository builds."""

    name: str | None = None
    description: str | None = None
    github_org: str | None = None


class Sprint(_Section):
    """Sprint cadence, kept for the PACE seed format."""

    duration_days: Annotated[int, Field(strict=True, ge=1, le=365)] | None = None


class SourceDir(_Section):
    """One source directory the agents should know about."""

    path: str
    name: str | None = None
    language: str | None = None
    description: str | None = None


class Source(_Section):
    """The repository's source layout."""

    dirs: tuple[SourceDir, ...] = ()


class Tech(_Section):
    """How the repository is set up, built and tested."""

    primary_language: str | None = None
    ci_system: str | None = None
    setup_command: str | None = None
    build_command: str | None = None
    test_command: str | None = None


class Llm(_Section):
    """Which model provider and models the agents use.

    ``anthropic`` is Anthropic's Messages API; ``openai`` is any OpenAI-compatible chat
    completions API (OpenAI, Azure OpenAI, vLLM, Ollama, a LiteLLM proxy), reached
    through the service's ``OPENAI_BASE_URL``.
    """

    provider: Literal["anthropic", "openai"] = "anthropic"
    model: str = "claude-sonnet-4-6"
    analysis_model: str = "claude-haiku-4-5"

    @field_validator("provider", mode="before")
    @classmethod
    def _provider_case(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value


class Forge(_Section):
    """Bounds on FORGE's implementation loop."""

    max_turns: Annotated[int, Field(strict=True, ge=1, le=200)] = 40
    max_retries: Annotated[int, Field(strict=True, ge=0, le=10)] = 2


class Budget(_Section):
    """Spending limits per run, and per day for the repository (which may only lower it)."""

    max_usd_per_run: Annotated[float, Field(gt=0, allow_inf_nan=False)] = 3.00
    max_usd_per_day: Annotated[float, Field(gt=0, allow_inf_nan=False)] | None = None

    @field_validator("max_usd_per_run", "max_usd_per_day", mode="before")
    @classmethod
    def _no_bool(cls, value: object) -> object:
        if isinstance(value, bool):
            raise ValueError("Input should be a number")
        return value


class Sandbox(_Section):
    """How the repository asks for its code to be isolated.

    Only a request: the operator's ``SANDBOX_MODE`` and ``SANDBOX_SETUP_NETWORK`` decide,
    and a request counts only where it is stricter (see ``pace_app.sandbox.policy``).
    ``network_during_setup: false`` refuses the network even where the operator allows
    it; the default ``true`` leaves the operator's choice alone.
    """

    mode: Literal["auto", "required", "off"] = "auto"
    network_during_setup: Annotated[bool, Field(strict=True)] = True

    def request(self) -> SandboxRequest:
        """Return what the file actually says, leaving out the keys it does not set."""
        stated = self.model_fields_set
        return SandboxRequest(
            mode=self.mode if "mode" in stated else None,
            setup_network=self.network_during_setup if "network_during_setup" in stated else None,
        )

    @field_validator("mode", mode="before")
    @classmethod
    def _yaml_off(cls, value: object) -> object:
        # YAML 1.1 reads a bare `off` as the boolean false.
        return "off" if value is False else value


class Sentinel(_Section):
    """When SENTINEL's findings block a pull request."""

    block_on: Literal["critical", "high", "medium", "low"] = "high"


class PlanSync(_Section):
    """Whether a push to the default branch that changes ``plan.yaml`` syncs its issues."""

    sync: Annotated[bool, Field(strict=True)] = False
    start: Annotated[bool, Field(strict=True)] = False


class GitHubNames(_Section):
    """The names the App uses on GitHub here; a key left out keeps the operator's default.

    ``trigger_label`` starts runs, ``command`` is the word after ``/`` in comments
    (``/bot retry``), ``branch_prefix`` comes before ``issue-<N>-<slug>``.
    """

    trigger_label: str | None = None
    command: str | None = None
    branch_prefix: str | None = None

    @field_validator("trigger_label")
    @classmethod
    def _label(cls, value: str | None) -> str | None:
        return _checked(value, label_problem)

    @field_validator("command")
    @classmethod
    def _command(cls, value: str | None) -> str | None:
        return _checked(None if value is None else value.strip().lower(), command_problem)

    @field_validator("branch_prefix")
    @classmethod
    def _prefix(cls, value: str | None) -> str | None:
        return _checked(value, branch_prefix_problem)

    def over(self, defaults: Conventions) -> Conventions:
        """Return ``defaults`` with the keys this section sets replaced."""
        return Conventions(
            trigger_label=self.trigger_label or defaults.trigger_label,
            command=self.command or defaults.command,
            branch_prefix=self.branch_prefix or defaults.branch_prefix,
        )


def _checked(value: str | None, rule: Callable[[str], str | None]) -> str | None:
    """Return ``value``, or raise the problem ``rule`` finds with it."""
    problem = None if value is None else rule(value)
    if problem is not None:
        raise ValueError(problem)
    return value


class RepoConfig(_Section):
    """The whole ``pace.config.yaml``; every section is optional."""

    framework_version: str | None = None
    product: Product = Product()
    sprint: Sprint = Sprint()
    source: Source = Source()
    tech: Tech = Tech()
    # Free-form in the seed format: a name ("github") or a mapping of details.
    platform: str | dict[str, Any] | None = None
    llm: Llm = Llm()
    forge: Forge = Forge()
    budget: Budget = Budget()
    sandbox: Sandbox = Sandbox()
    sentinel: Sentinel = Sentinel()
    plan: PlanSync = PlanSync()
    github: GitHubNames = GitHubNames()

    @field_validator("platform", mode="before")
    @classmethod
    def _text_or_mapping(cls, value: object) -> object:
        if value is not None and not isinstance(value, str | dict):
            raise ValueError("Input should be text or a mapping")
        return value


@dataclass(frozen=True)
class LoadedConfig:
    """A validated config, the warnings found on the way, and the file it came from."""

    config: RepoConfig
    warnings: tuple[str, ...] = ()
    source: str | None = None


def parse_repo_config(text: str, *, source: str) -> LoadedConfig:
    """Parse and validate the text of a ``pace.config.yaml`` read from ``source``."""
    if len(text.encode("utf-8", errors="replace")) > MAX_CONFIG_BYTES:
        raise RepoConfigError("", f"the file is larger than {MAX_CONFIG_BYTES // 1024} KiB")
    data = _load_yaml(text)
    warnings: list[str] = []
    if data is None:
        data = {}
        warnings.append("the file is empty; using defaults")
    if not isinstance(data, dict):
        raise RepoConfigError("", f"the top level must be a mapping, not {_kind(data)}")
    _check_keys(data, "", set())
    try:
        config = RepoConfig.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise RepoConfigError(
            _dotted(error["loc"]), _message(error["type"], error["msg"])
        ) from None
    warnings.extend(_unknown_keys(config, ""))
    return LoadedConfig(config=config, warnings=tuple(warnings), source=source)


def find_config_path(files: Collection[str]) -> str | None:
    """Return the config file's path among the repository's files, or None."""
    return next((path for path in CONFIG_PATHS if path in files), None)


def default_config(files: Collection[str]) -> RepoConfig:
    """Infer a config from the repository's file list when it has no config file.

    Only the language and test command are guessed here; a command left unset is
    inferred by the sandbox from the files' contents when it runs.
    """
    names = set(files)
    if names & {"pyproject.toml", "setup.cfg", "setup.py", "pytest.ini", "tox.ini"} or any(
        path.startswith("tests/") for path in names
    ):
        tech = Tech(primary_language="python", test_command="pytest")
    elif "package.json" in names:
        language = "typescript" if "tsconfig.json" in names else "javascript"
        tech = Tech(primary_language=language, test_command="npm test")
    else:
        tech = Tech()
    return RepoConfig(tech=tech)


def resolve_repo_config(files: Collection[str], read: Callable[[str], str]) -> LoadedConfig:
    """Load the repository's config file if it has one, else inferred defaults."""
    path = find_config_path(files)
    if path is None:
        return LoadedConfig(config=default_config(files), warnings=(), source=None)
    return parse_repo_config(read(path), source=path)


def _load_yaml(text: str) -> object:
    """Load YAML safely, turning parser errors into ``RepoConfigError`` with a position."""
    try:
        return load_yaml(text)
    except YamlProblem as exc:
        raise RepoConfigError("", str(exc)) from None


def _check_keys(data: object, path: str, seen: set[int]) -> None:
    """Refuse keys that are not text: YAML reads a bare `on:` or `1:` as a non-string."""
    # An alias is the same object again; visiting each object once keeps this linear.
    if id(data) in seen:
        return
    seen.add(id(data))
    if isinstance(data, list):
        for index, item in enumerate(data):
            _check_keys(item, f"{path}[{index}]", seen)
    elif isinstance(data, dict) and path != "platform":
        for key, value in data.items():
            if not isinstance(key, str):
                raise RepoConfigError(path, f"key {clip(repr(key))} is not text; quote it")
            _check_keys(value, f"{path}.{key}" if path else key, seen)


def _unknown_keys(model: BaseModel, prefix: str) -> Iterator[str]:
    """Yield a warning naming every key the models do not know, depth first."""
    known = list(type(model).model_fields)
    for key in model.model_extra or {}:
        close = difflib.get_close_matches(key, known, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        yield f"{prefix}{clip(key)}: unknown key{hint}"
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from _unknown_keys(value, f"{prefix}{name}.")
        elif isinstance(value, tuple):
            # The only tuples in the schema hold models (source.dirs).
            for index, item in enumerate(value):
                yield from _unknown_keys(item, f"{prefix}{name}[{index}].")


def _dotted(loc: tuple[int | str, ...]) -> str:
    """Render a pydantic error location as ``source.dirs[0].path``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def _message(kind: str, message: str) -> str:
    """Phrase a pydantic message in the file's terms, never quoting the value."""
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return "Input should be a mapping"
    if kind in {"tuple_type", "list_type"}:
        return "Input should be a list"
    return clip(message.removeprefix("Value error, "))


def _kind(value: object) -> str:
    """Name a YAML value's type for an error message."""
    if isinstance(value, list):
        return "a list"
    return "text" if isinstance(value, str) else "a scalar"
