"""``run_gate`` end to end on a tiny project, with the fake model judging the criteria."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pace_app.agents.gate import render
from pace_app.agents.gate.criteria import NOT_JUDGED, VERDICT_TOOL
from pace_app.agents.gate.gate import parse_coverage, run_gate, take_report
from pace_app.agents.gate.result import GateResult
from pace_app.config.repo import RepoConfig, Sandbox, Tech
from pace_app.domain.story import Story
from pace_app.sandbox import SandboxPolicy, SandboxRunner
from pace_app.types import JSONObject
from tests.agents.gate.conftest import write_project
from tests.fakes.fake_model import FakeModel, tool_turn
from tests.llm.conftest import API_KEY, provider_for

STORY = Story("Calculator", ("Adds numbers", "Subtracts numbers"), (), "")
PYTEST = f"{sys.executable} -m pytest -p no:cacheprovider -p no:xdist -p no:cov -q"


def verdicts(*kinds: str) -> JSONObject:
    """Return a model answer giving ``kinds`` to the criteria in order."""
    return {
        "verdicts": [
            {"index": n, "criterion": c, "verdict": k, "evidence": f"evidence {n}"}
            for n, (c, k) in enumerate(zip(STORY.criteria, kinds, strict=True), start=1)
        ]
    }


async def gate(
    project: Path, tmp_path: Path, tech: Tech, fake: FakeModel, *, mode: str = "off"
) -> GateResult:
    """Run GATE on ``project`` with the fake model."""
    runner = SandboxRunner(tmp_path / "run", SandboxPolicy(mode=mode, timeout=120))  # type: ignore[arg-type]
    provider = provider_for(fake, max_retries=0)
    try:
        return await run_gate(
            runner=runner,
            worktree=project,
            config=RepoConfig(tech=tech, sandbox=Sandbox(network_during_setup=False)),
            story=STORY,
            diff="+def add(a, b): return a + b\n",
            provider=provider,
            analysis_model="claude-haiku-4-5",
        )
    finally:
        await provider.aclose()


@pytest.mark.anyio
async def test_a_failing_test_holds_with_findings(project: Path, tmp_path: Path) -> None:
    fake = FakeModel([tool_turn(VERDICT_TOOL.name, verdicts("PASS", "PASS"))], api_key=API_KEY)
    tech = Tech(setup_command="echo setting up", test_command=PYTEST)
    result = await gate(project, tmp_path, tech, fake)
    assert result.verdict == "HOLD"
    assert result.conclusion == "failure"
    assert result.report is not None
    assert (result.report.passed, result.report.failed, result.report.skipped) == (1, 1, 1)
    assert result.setup_result is not None
    assert result.setup_result.succeeded
    assert result.test_result is not None
    assert result.test_result.exit_code == 1
    (annotation,) = result.annotations
    assert (annotation.path, annotation.start_line, annotation.level) == (
        "tests/test_calc.py",
        14,
        "failure",
    )
    assert any("test_subtracts" in f and "assert 1 == 3" in f for f in result.findings_for_retry)
    assert [v.verdict for v in result.criteria] == ["PASS", "PASS"]
    assert result.cost_usd > 0
    assert render.title(result) == "HOLD: 1 test failed"
    assert "| Failed | 1 |" in render.summary(result)
    assert "test_subtracts" in render.details(result)
    # The report file was read back and removed: the worktree is as it was.
    assert sorted(p.name for p in project.iterdir()) == ["pytest.ini", "tests"]  # noqa: ASYNC240
    assert "repository code ran unsandboxed (SANDBOX_MODE=off)" in render.summary(result)
    assert "assert 1 == 3" in fake.requests[0]["messages"][0]["content"][0]["text"]


@pytest.mark.anyio
async def test_passing_tests_and_met_criteria_ship(project: Path, tmp_path: Path) -> None:
    (project / "tests" / "test_calc.py").write_text("def test_ok():\n    assert True\n")
    fake = FakeModel([tool_turn(VERDICT_TOOL.name, verdicts("PASS", "PASS"))], api_key=API_KEY)
    result = await gate(project, tmp_path, Tech(test_command=PYTEST), fake)
    assert result.verdict == "SHIP"
    assert result.findings_for_retry == ()
    assert render.title(result) == "SHIP: 1 passed, 2/2 criteria met"
    assert result.annotations == ()
    assert result.coverage is None


@pytest.mark.anyio
async def test_an_unmet_criterion_holds(project: Path, tmp_path: Path) -> None:
    (project / "tests" / "test_calc.py").write_text("def test_ok():\n    assert True\n")
    fake = FakeModel([tool_turn(VERDICT_TOOL.name, verdicts("PASS", "PARTIAL"))], api_key=API_KEY)
    result = await gate(project, tmp_path, Tech(test_command=PYTEST), fake)
    assert result.verdict == "HOLD"
    assert render.title(result) == "HOLD: 1 of 2 criteria not met"
    assert any("criterion 2 is not met" in f for f in result.findings_for_retry)


@pytest.mark.anyio
async def test_a_failed_build_holds_without_asking_the_model(project: Path, tmp_path: Path) -> None:
    fake = FakeModel([], api_key=API_KEY)
    build = "echo 'tests/test_calc.py:4:1: E999 broken' && echo 'nope.py:1: x' && exit 2"
    result = await gate(project, tmp_path, Tech(build_command=build, test_command=PYTEST), fake)
    assert result.verdict == "HOLD"
    assert result.test_result is None
    assert fake.requests == []
    (warning,) = result.annotations
    assert (warning.path, warning.start_line, warning.level) == ("tests/test_calc.py", 4, "warning")
    assert "build command" in result.findings_for_retry[0]
    assert render.title(result) == "HOLD: build failed"
    assert any("not judged" in note for note in result.notes)


@pytest.mark.anyio
async def test_a_model_failure_leaves_criteria_failed(project: Path, tmp_path: Path) -> None:
    (project / "tests" / "test_calc.py").write_text("def test_ok():\n    assert True\n")
    fake = FakeModel([], api_key=API_KEY)
    result = await gate(project, tmp_path, Tech(test_command=PYTEST), fake)
    assert result.verdict == "HOLD"
    assert all(v.verdict == "FAIL" and v.evidence == NOT_JUDGED for v in result.criteria)
    assert all(v.note and "analysis model failed" in v.note for v in result.criteria)


@pytest.mark.anyio
async def test_other_runners_use_the_exit_status(project: Path, tmp_path: Path) -> None:
    fake = FakeModel([tool_turn(VERDICT_TOOL.name, verdicts("PASS", "PASS"))], api_key=API_KEY)
    result = await gate(project, tmp_path, Tech(test_command="echo 3 failing; exit 1"), fake)
    assert result.verdict == "HOLD"
    assert result.report is None
    assert render.title(result) == "HOLD: the test command failed"
    assert "3 failing" in result.findings_for_retry[0]


@pytest.mark.anyio
async def test_no_test_command_is_noted(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    fake = FakeModel([tool_turn(VERDICT_TOOL.name, verdicts("PASS", "PASS"))], api_key=API_KEY)
    result = await gate(empty, tmp_path, Tech(), fake)
    assert result.verdict == "SHIP"
    assert result.test_result is None
    assert any("No test command" in note for note in result.notes)


@pytest.mark.anyio
async def test_a_pytest_command_that_writes_no_report_falls_back(
    project: Path, tmp_path: Path
) -> None:
    fake = FakeModel([tool_turn(VERDICT_TOOL.name, verdicts("PASS", "PASS"))], api_key=API_KEY)
    result = await gate(project, tmp_path, Tech(test_command="echo pytest missing"), fake)
    assert result.report is None
    assert result.verdict == "SHIP"


@pytest.mark.bwrap
@pytest.mark.anyio
async def test_inside_bubblewrap(project: Path, tmp_path: Path) -> None:
    fake = FakeModel([tool_turn(VERDICT_TOOL.name, verdicts("PASS", "PASS"))], api_key=API_KEY)
    tech = Tech(
        build_command="echo built > build.txt",
        test_command="test -f build.txt && echo 'tests/test_calc.py:1: oops' && exit 1",
    )
    result = await gate(project, tmp_path, tech, fake, mode="required")
    assert result.test_result is not None
    assert result.test_result.sandboxed
    assert result.verdict == "HOLD"
    assert "oops" in result.findings_for_retry[0]


def test_take_report_handles_missing_odd_and_hostile_files(tmp_path: Path) -> None:
    assert take_report(tmp_path / "none.xml") is None
    folder = tmp_path / "dir.xml"
    folder.mkdir()
    odd = take_report(folder)
    assert odd is not None
    assert odd.problem is not None
    assert "regular file" in odd.problem
    link = tmp_path / "link.xml"
    link.symlink_to(tmp_path / "elsewhere.xml")
    hostile = take_report(link)
    assert hostile is not None
    assert hostile.problem is not None
    assert not link.is_symlink()


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("TOTAL     120     10    92%\n", 92.0),
        ("Name Stmts\nTOTAL 120 10 30 2 91.5%\nTOTAL 5 0 100%", 100.0),
        ("TOTAL passed\n", None),
        ("", None),
    ],
)
def test_parse_coverage(output: str, expected: float | None) -> None:
    assert parse_coverage(output) == expected


def test_write_project_helper_makes_directories(tmp_path: Path) -> None:
    root = write_project(tmp_path / "x", {"a/b.txt": "hi"})
    assert (root / "a" / "b.txt").read_text() == "hi"
