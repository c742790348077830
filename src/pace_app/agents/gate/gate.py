"""GATE: run setup, build and tests in the sandbox, judge the criteria, give a verdict.

The caller hands over a clean worktree at the pushed head. Every command runs through
the sandbox runner. For pytest-like test commands a JUnit report is requested through
``PYTEST_ADDOPTS`` into a randomly named file in the worktree (the one place besides
the run's home the sandbox may write), read back with a size cap and deleted.
"""

from __future__ import annotations

import contextlib
import logging
import re
import secrets
import shlex
import time
from collections.abc import Callable
from pathlib import Path

import anyio

from pace_app.agents.gate.annotations import failure_annotations, output_annotations
from pace_app.agents.gate.criteria import NOT_JUDGED, CriterionVerdict, judge_criteria
from pace_app.agents.gate.junit import MAX_REPORT_BYTES, TestReport, parse_junit, unreadable
from pace_app.agents.gate.result import GateResult, GateVerdict
from pace_app.agents.text import truncate_middle
from pace_app.config.repo import RepoConfig
from pace_app.domain.story import Story
from pace_app.errors import BudgetExceeded, ModelError
from pace_app.llm.provider import ModelProvider
from pace_app.sandbox import (
    CommandResult,
    SandboxRunner,
    infer_build_command,
    infer_setup_command,
    infer_test_command,
    project_files,
)

logger = logging.getLogger(__name__)


_COVERAGE = re.compile(r"^TOTAL(?:\s+\d+)+\s+(\d+(?:\.\d+)?)%\s*$", re.MULTILINE)
OUTPUT_TAIL_CHARS = 4_000
MAX_RETRY_FAILURES = 20
MAX_FAILURE_TEXT = 3_000


class _WorktreeFiles:
    """The files of a worktree, as a container of repository-relative paths."""

    def __init__(self, root: Path) -> None:
        self._root = root.resolve()

    def __contains__(self, path: object) -> bool:
        if not isinstance(path, str):
            return False
        target = (self._root / path).resolve()
        return target.is_relative_to(self._root) and target.is_file()


async def run_gate(
    *,
    runner: SandboxRunner,
    worktree: Path,
    config: RepoConfig,
    story: Story,
    diff: str,
    provider: ModelProvider,
    analysis_model: str,
    clock: Callable[[], float] = time.monotonic,
) -> GateResult:
    """Run the repository's setup, build and tests at ``worktree`` and judge the story."""
    started = clock()
    worktree = await anyio.to_thread.run_sync(worktree.resolve)
    files = await anyio.to_thread.run_sync(project_files, worktree)
    tech = config.tech
    setup_command = tech.setup_command or infer_setup_command(files)
    build_command = tech.build_command or infer_build_command(files)
    test_command = tech.test_command or infer_test_command(files)
    notes: list[str] = []

    setup = build = test = None
    report: TestReport | None = None
    if setup_command:
        setup = await runner.run(
            setup_command, cwd=worktree, network=config.sandbox.network_during_setup
        )
    broken = setup is not None and not setup.succeeded
    if not broken and build_command:
        build = await runner.run(build_command, cwd=worktree)
        broken = not build.succeeded
    if not broken and test_command:
        test, report = await _run_tests(runner, worktree, test_command)
    elif not test_command:
        notes.append("No test command is configured or could be inferred, so no tests ran.")
    if report is not None and report.problem is not None:
        notes.append(f"The test report was unreadable ({report.problem}); the exit status counts.")
    for result in (setup, build, test):
        if result is not None and result.warning and result.warning not in notes:
            notes.append(result.warning)

    criteria: tuple[CriterionVerdict, ...] = ()
    cost = 0.0
    if broken:
        notes.append("The acceptance criteria were not judged because the build did not run.")
    else:
        try:
            criteria, cost = await _judge(provider, analysis_model, story, diff, test, report)
        except BudgetExceeded:
            notes.append(
                "The acceptance criteria were not judged: the run's model budget is spent, "
                "so only the deterministic checks ran."
            )

    known = _WorktreeFiles(worktree)
    annotations = failure_annotations(report.failures if report else (), known, root=str(worktree))
    if build is not None:
        annotations += output_annotations(build.output, known, root=str(worktree))
    verdict = decide(setup, build, test, report, criteria)
    gate = GateResult(
        verdict=verdict,
        report=report,
        setup_result=setup,
        build_result=build,
        test_result=test,
        criteria=criteria,
        annotations=tuple(annotations),
        duration=clock() - started,
        findings_for_retry=retry_findings(setup, build, test, report, criteria),
        coverage=parse_coverage(test.output) if test is not None else None,
        cost_usd=cost,
        notes=tuple(notes),
    )
    logger.info(
        "gate finished",
        extra={"agent": "gate", "verdict": verdict, "duration": round(gate.duration, 3)},
    )
    return gate


async def _run_tests(
    runner: SandboxRunner, worktree: Path, command: str
) -> tuple[CommandResult, TestReport | None]:
    """Run the test command, collecting a JUnit report when it is pytest."""
    if "pytest" not in command:
        return await runner.run(command, cwd=worktree), None
    report_path = worktree / f".pace-gate-junit-{secrets.token_hex(8)}.xml"
    # xunit1 adds each test's file to the report, which places the annotations.
    addopts = f"--junitxml={shlex.quote(str(report_path))} -o junit_family=xunit1"
    try:
        result = await runner.run(command, cwd=worktree, extra_env={"PYTEST_ADDOPTS": addopts})
    finally:
        report = await anyio.to_thread.run_sync(take_report, report_path)
    return result, report


def take_report(path: Path) -> TestReport | None:
    """Read and delete the report file; None when the test command wrote none."""
    try:
        if not path.is_symlink() and not path.exists():
            return None
        if path.is_symlink() or not path.is_file():
            return unreadable("it is not a regular file")
        with path.open("rb") as handle:
            return parse_junit(handle.read(MAX_REPORT_BYTES + 1))
    except OSError as exc:
        return unreadable(f"it could not be opened ({exc.strerror or type(exc).__name__})")
    finally:
        # A directory planted under the name stays; the worktree is discarded anyway.
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


async def _judge(
    provider: ModelProvider,
    model: str,
    story: Story,
    diff: str,
    test: CommandResult | None,
    report: TestReport | None,
) -> tuple[tuple[CriterionVerdict, ...], float]:
    """Judge the criteria; a model failure leaves every criterion FAIL, saying why."""
    try:
        judgement = await judge_criteria(
            provider, model=model, story=story, diff=diff, test_summary=describe_tests(test, report)
        )
    except ModelError as exc:
        logger.warning("gate could not judge criteria", extra={"agent": "gate"})
        note = f"the analysis model failed: {exc}"
        return tuple(
            CriterionVerdict(n, c, "FAIL", NOT_JUDGED, note=note)
            for n, c in enumerate(story.criteria, start=1)
        ), 0.0
    return judgement.verdicts, judgement.cost_usd


def has_test_failures(test: CommandResult | None, report: TestReport | None) -> bool:
    """Say whether the tests count as failed: a bad exit, a timeout or failing tests."""
    if test is None:
        return False
    return not test.succeeded or (report is not None and report.failed + report.errors > 0)


def decide(
    setup: CommandResult | None,
    build: CommandResult | None,
    test: CommandResult | None,
    report: TestReport | None,
    criteria: tuple[CriterionVerdict, ...],
) -> GateVerdict:
    """Return HOLD for a failed setup, build or test run or any FAIL criterion, else SHIP."""
    if any(result is not None and not result.succeeded for result in (setup, build)):
        return "HOLD"
    if has_test_failures(test, report) or any(c.verdict == "FAIL" for c in criteria):
        return "HOLD"
    return "SHIP"


def parse_coverage(output: str) -> float | None:
    """Return the total coverage percentage from pytest-cov's ``TOTAL`` line, if any."""
    matches = _COVERAGE.findall(output)
    return float(matches[-1]) if matches else None


def describe_tests(test: CommandResult | None, report: TestReport | None) -> str:
    """Describe the test run for the model: counts, failing tests and the output's end."""
    if test is None:
        return "No tests ran."
    lines = [f"Command: {test.command} (exit {_exit(test)})"]
    if report is not None and report.problem is None:
        lines.append(
            f"{report.passed} passed, {report.failed} failed, {report.errors} errors, "
            f"{report.skipped} skipped"
        )
        lines += [f"- {f.test_id}: {f.message}" for f in report.failures[:MAX_RETRY_FAILURES]]
    lines.append("Output (end):\n" + test.tail(OUTPUT_TAIL_CHARS))
    return "\n".join(lines)


def retry_findings(
    setup: CommandResult | None,
    build: CommandResult | None,
    test: CommandResult | None,
    report: TestReport | None,
    criteria: tuple[CriterionVerdict, ...],
) -> tuple[str, ...]:
    """Return what FORGE must fix on a retry, one self-contained finding each."""
    findings: list[str] = []
    for step, result in (("setup", setup), ("build", build)):
        if result is not None and not result.succeeded:
            findings.append(_command_finding(step, result))
    if report is not None and report.problem is None and report.failures:
        for failure in report.failures[:MAX_RETRY_FAILURES]:
            where = f" at {failure.file}:{failure.line}" if failure.file and failure.line else ""
            findings.append(
                f"Test {failure.test_id} {failure.kind}{where}: {failure.message}\n"
                f"```\n{truncate_middle(failure.text, MAX_FAILURE_TEXT)}\n```"
            )
        if len(report.failures) > MAX_RETRY_FAILURES:
            findings.append(
                f"… and {len(report.failures) - MAX_RETRY_FAILURES} more failing tests."
            )
    elif test is not None and has_test_failures(test, report):
        findings.append(_command_finding("test", test))
    for verdict in criteria:
        if verdict.verdict == "FAIL":
            note = f" ({verdict.note})" if verdict.note else ""
            findings.append(
                f"Acceptance criterion {verdict.index} is not met: {verdict.criterion}\n"
                f"Evidence: {verdict.evidence}{note}"
            )
    return tuple(findings)


def _command_finding(step: str, result: CommandResult) -> str:
    return (
        f"The {step} command `{result.command}` failed ({_exit(result)}). End of its output:\n"
        f"```\n{result.tail(OUTPUT_TAIL_CHARS)}\n```"
    )


def _exit(result: CommandResult) -> str:
    if result.timed_out:
        return "timed out"
    return f"exit status {result.exit_code}"
