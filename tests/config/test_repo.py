"""Parsing, validating and inferring the repository's pace.config.yaml."""

import time

import pytest

from pace_app.config.repo import (
    MAX_CONFIG_BYTES,
    LoadedConfig,
    RepoConfig,
    default_config,
    find_config_path,
    parse_repo_config,
    resolve_repo_config,
)
from pace_app.domain.conventions import Conventions
from pace_app.errors import RepoConfigError
from pace_app.sandbox.policy import SandboxRequest

SEED = """\
framework_version: "1.0"
product:
  name: Shop
  description: An online shop
  github_org: acme
sprint:
  duration_days: 14
source:
  dirs:
    - name: api
      path: src/api
      language: python
      description: The REST API
tech:
  primary_language: python
  ci_system: github-actions
  test_command: pytest -q
  build_command: python -m build
platform: github
llm:
  provider: anthropic
  model: claude-opus-4-1
  analysis_model: claude-haiku-4-5
"""


def parse(text: str) -> LoadedConfig:
    return parse_repo_config(text, source="pace.config.yaml")


def test_the_seed_format_parses_without_warnings() -> None:
    loaded = parse(SEED)
    config = loaded.config
    assert loaded.warnings == ()
    assert loaded.source == "pace.config.yaml"
    assert config.framework_version == "1.0"
    assert config.product.github_org == "acme"
    assert config.sprint.duration_days == 14
    assert config.source.dirs[0].path == "src/api"
    assert config.source.dirs[0].description == "The REST API"
    assert config.tech.test_command == "pytest -q"
    assert config.tech.build_command == "python -m build"
    assert config.platform == "github"
    assert config.llm.model == "claude-opus-4-1"


def test_app_keys_parse() -> None:
    config = parse(
        "tech: {setup_command: make deps}\n"
        "forge: {max_turns: 80, max_retries: 0}\n"
        "budget: {max_usd_per_run: 12.5}\n"
        "sandbox: {mode: required, network_during_setup: false}\n"
        "sentinel: {block_on: critical}\n"
    ).config
    assert config.tech.setup_command == "make deps"
    assert (config.forge.max_turns, config.forge.max_retries) == (80, 0)
    assert config.budget.max_usd_per_run == 12.5
    assert (config.sandbox.mode, config.sandbox.network_during_setup) == ("required", False)
    assert config.sentinel.block_on == "critical"


def test_defaults_when_keys_are_absent() -> None:
    config = parse("{}").config
    assert config.llm.model == "claude-sonnet-4-6"
    assert config.llm.analysis_model == "claude-haiku-4-5"
    assert config.llm.provider == "anthropic"
    assert parse("llm: {provider: ' OpenAI '}").config.llm.provider == "openai"
    assert (config.forge.max_turns, config.forge.max_retries) == (40, 2)
    assert config.budget.max_usd_per_run == 3.00
    assert (config.sandbox.mode, config.sandbox.network_during_setup) == ("auto", True)
    assert config.sentinel.block_on == "high"
    assert config.tech.test_command is None
    assert config.source.dirs == ()


def test_an_empty_file_means_defaults_with_a_warning() -> None:
    loaded = parse("# nothing here\n")
    assert loaded.config == RepoConfig()
    assert loaded.warnings == ("the file is empty; using defaults",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("platform: github", "github"),
        ("platform: {name: github, runners: [ubuntu]}", {"name": "github", "runners": ["ubuntu"]}),
        ("platform: {1: free-form}", {"1": "free-form"}),
        ("platform:", None),
    ],
)
def test_platform_is_text_or_a_mapping(text: str, expected: object) -> None:
    loaded = parse(text)
    assert loaded.config.platform == expected
    assert loaded.warnings == ()


def test_a_bare_yaml_off_means_sandbox_off() -> None:
    assert parse("sandbox: {mode: off}").config.sandbox.mode == "off"


def test_a_number_for_a_text_key_is_read_as_text() -> None:
    config = parse("framework_version: 1.0\ntech: {build_command: 3}").config
    assert (config.framework_version, config.tech.build_command) == ("1.0", "3")


def test_unknown_keys_become_warnings_with_their_path() -> None:
    loaded = parse(
        "extra: 1\n"
        "tech: {prmary_language: python}\n"
        "forge: {max_turn: 3}\n"
        "source: {dirs: [{path: a}, {path: b, lang: go}]}\n"
    )
    assert set(loaded.warnings) == {
        "extra: unknown key",
        "tech.prmary_language: unknown key (did you mean primary_language?)",
        "forge.max_turn: unknown key (did you mean max_turns?)",
        "source.dirs[1].lang: unknown key (did you mean language?)",
    }
    assert loaded.config.forge.max_turns == 40


@pytest.mark.parametrize(
    ("text", "key_path", "problem"),
    [
        ("forge: {max_turns: 500}", "forge.max_turns", "less than or equal to 200"),
        ("forge: {max_turns: 0}", "forge.max_turns", "greater than or equal to 1"),
        ("forge: {max_turns: true}", "forge.max_turns", "valid integer"),
        ("forge: {max_turns: '40'}", "forge.max_turns", "valid integer"),
        ("forge: {max_retries: 11}", "forge.max_retries", "less than or equal to 10"),
        ("forge: {max_retries: -1}", "forge.max_retries", "greater than or equal to 0"),
        ("budget: {max_usd_per_run: 0}", "budget.max_usd_per_run", "greater than 0"),
        ("budget: {max_usd_per_run: .nan}", "budget.max_usd_per_run", "finite number"),
        ("budget: {max_usd_per_run: true}", "budget.max_usd_per_run", "should be a number"),
        ("budget: {max_usd_per_day: 0}", "budget.max_usd_per_day", "greater than 0"),
        ("budget: {max_usd_per_day: .inf}", "budget.max_usd_per_day", "finite number"),
        ("budget: {max_usd_per_day: true}", "budget.max_usd_per_day", "should be a number"),
        ("sandbox: {mode: on}", "sandbox.mode", "'auto', 'required' or 'off'"),
        ("sandbox: {network_during_setup: maybe}", "sandbox.network_during_setup", "boolean"),
        ("sentinel: {block_on: info}", "sentinel.block_on", "'critical', 'high', 'medium'"),
        ("sprint: {duration_days: x}", "sprint.duration_days", "valid integer"),
        ("llm: {provider: gemini}", "llm.provider", "'anthropic' or 'openai'"),
        ("source: {dirs: [{name: a}]}", "source.dirs[0].path", "Field required"),
        ("source: {dirs: src}", "source.dirs", "Input should be a list"),
        ("product: hello", "product", "Input should be a mapping"),
        ("platform: [a, b]", "platform", "Input should be text or a mapping"),
        ("tech: {on: x}", "tech", "key True is not text; quote it"),
        ("source: {dirs: [{path: a, 1: b}]}", "source.dirs[0]", "key 1 is not text"),
        ("1: x", "", "key 1 is not text"),
    ],
)
def test_invalid_values_name_the_key_path(text: str, key_path: str, problem: str) -> None:
    with pytest.raises(RepoConfigError) as caught:
        parse(text)
    assert caught.value.key_path == key_path
    assert problem in caught.value.problem
    assert str(caught.value).startswith(f"{key_path}: " if key_path else problem[:3])


def test_errors_never_echo_a_large_value() -> None:
    huge = "x" * 5000
    with pytest.raises(RepoConfigError) as caught:
        parse(f"sandbox: {{mode: {huge}}}")
    assert huge[:100] not in str(caught.value)
    assert len(str(caught.value)) < 300


def test_long_keys_are_clipped_in_messages() -> None:
    with pytest.raises(RepoConfigError) as caught:
        parse(f"tech: {{{'9' * 1000}: x}}")
    assert len(str(caught.value)) <= 300
    assert "…" in caught.value.problem


def test_long_unknown_keys_are_clipped_in_warnings() -> None:
    (warning,) = parse(f"{'k' * 1000}: 1").warnings
    assert len(warning) < 300
    assert warning.endswith("…: unknown key")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("tech: [a\n", "line 2, column 1"),
        ("a: b\n  c: d\n", "line 2, column 4"),
        ("x: 1\n---\ny: 2\n", "expected a single document"),
        ("key: 'unterminated\n", "invalid YAML at line"),
    ],
)
def test_invalid_yaml_quotes_line_and_column(text: str, fragment: str) -> None:
    with pytest.raises(RepoConfigError) as caught:
        parse(text)
    assert caught.value.key_path == ""
    assert fragment in str(caught.value)


def test_invalid_yaml_without_a_mark_is_still_reported() -> None:
    with pytest.raises(RepoConfigError, match="invalid YAML"):
        parse("a: \x07")


@pytest.mark.parametrize(
    ("text", "kind"), [("- a\n- b\n", "a list"), ("just text", "text"), ("42", "a scalar")]
)
def test_the_top_level_must_be_a_mapping(text: str, kind: str) -> None:
    with pytest.raises(RepoConfigError, match=f"must be a mapping, not {kind}"):
        parse(text)


def test_files_over_the_size_cap_are_refused() -> None:
    text = "# " + "x" * MAX_CONFIG_BYTES + "\n"
    with pytest.raises(RepoConfigError, match="larger than 256 KiB"):
        parse(text)


def test_an_alias_bomb_loads_quickly() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 12):
        name, prev = chr(97 + level), chr(96 + level)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    lines.append("source: {dirs: *l}")
    started = time.monotonic()
    with pytest.raises(RepoConfigError, match=r"source\.dirs\[0\]: Input should be a mapping"):
        parse("\n".join(lines))
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"pace.config.yaml", "pace/pace.config.yaml"}, "pace.config.yaml"),
        (["README.md", "pace/pace.config.yaml"], "pace/pace.config.yaml"),
        (["src/pace.config.yaml", "pace.config.yml"], None),
        ([], None),
    ],
)
def test_find_config_path_prefers_the_root(files: list[str], expected: str | None) -> None:
    assert find_config_path(files) == expected


@pytest.mark.parametrize(
    ("files", "language", "setup", "test"),
    [
        (["pyproject.toml", "src/a.py"], "python", None, "pytest"),
        (["setup.cfg"], "python", None, "pytest"),
        (["pytest.ini"], "python", None, "pytest"),
        (["tests/test_a.py"], "python", None, "pytest"),
        (["package.json", "package-lock.json"], "javascript", None, "npm test"),
        (["package.json", "tsconfig.json"], "typescript", None, "npm test"),
        (["pyproject.toml", "package.json"], "python", None, "pytest"),
        (["README.md", "main.go"], None, None, None),
    ],
)
def test_default_config_infers_commands(
    files: list[str], language: str | None, setup: str | None, test: str | None
) -> None:
    tech = default_config(files).tech
    assert (tech.primary_language, tech.setup_command, tech.test_command) == (
        language,
        setup,
        test,
    )


def test_resolve_reads_the_config_file_when_present() -> None:
    read: list[str] = []

    def reader(path: str) -> str:
        read.append(path)
        return "forge: {max_turns: 7}"

    loaded = resolve_repo_config(["pace/pace.config.yaml", "pyproject.toml"], reader)
    assert read == ["pace/pace.config.yaml"]
    assert loaded.source == "pace/pace.config.yaml"
    assert loaded.config.forge.max_turns == 7
    assert loaded.config.tech.test_command is None


def test_resolve_falls_back_to_inferred_defaults() -> None:
    def reader(path: str) -> str:
        raise AssertionError(path)

    loaded = resolve_repo_config(["pyproject.toml"], reader)
    assert loaded.source is None
    assert loaded.warnings == ()
    assert loaded.config.tech.test_command == "pytest"


@pytest.mark.parametrize(
    ("text", "request_"),
    [
        ("{}", SandboxRequest()),
        ("sandbox: {mode: required}", SandboxRequest(mode="required")),
        ("sandbox: {mode: off}", SandboxRequest(mode="off")),
        ('sandbox: {mode: "auto", network_during_setup: true}', SandboxRequest("auto", True)),
        ("sandbox: {network_during_setup: false}", SandboxRequest(setup_network=False)),
    ],
)
def test_the_sandbox_section_is_a_request_of_what_it_states(
    text: str, request_: SandboxRequest
) -> None:
    assert parse(text).config.sandbox.request() == request_


def test_the_github_section_overrides_the_operators_names() -> None:
    text = "github:\n  trigger_label: ai:build\n  command: Bot\n  branch_prefix: bot/\n"
    loaded = parse_repo_config(text, source="pace.config.yaml")
    assert loaded.warnings == ()
    operator = Conventions(trigger_label="build-me", command="ops", branch_prefix="ops/")
    assert loaded.config.github.over(operator) == Conventions("ai:build", "bot", "bot/")
    partial = parse_repo_config("github: {command: bot}", source="pace.config.yaml")
    assert partial.config.github.over(operator) == Conventions("build-me", "bot", "ops/")
    assert RepoConfig().github.over(operator) == operator


def test_unknown_github_keys_warn() -> None:
    loaded = parse_repo_config("github: {trigger: x}", source="pace.config.yaml")
    assert loaded.warnings == ("github.trigger: unknown key (did you mean trigger_label?)",)


@pytest.mark.parametrize(
    ("text", "key_path", "problem"),
    [
        ("github: {trigger_label: 'pace:hold'}", "github.trigger_label", "status labels"),
        ("github: {trigger_label: 'a,b'}", "github.trigger_label", "comma"),
        ("github: {command: '/bot'}", "github.command", "without the '/'"),
        ("github: {command: 12}", "github.command", "lowercase letter"),
        ("github: {branch_prefix: 'master/'}", "github.branch_prefix", "under the branch"),
        ("github: {branch_prefix: 'a b/'}", "github.branch_prefix", "ASCII letters"),
        ("github: [x]", "github", "mapping"),
    ],
)
def test_bad_github_values_name_the_key_path(text: str, key_path: str, problem: str) -> None:
    with pytest.raises(RepoConfigError) as error:
        parse_repo_config(text, source="pace.config.yaml")
    assert error.value.key_path == key_path
    assert problem in str(error.value)


def test_a_daily_budget_is_read_and_off_by_default() -> None:
    assert parse("budget: {max_usd_per_day: 20}").config.budget.max_usd_per_day == 20
    assert parse("budget: {max_usd_per_run: 1}").config.budget.max_usd_per_day is None
