"""The operator owns the sandbox policy: settings, repository requests, doctor and serve."""

from __future__ import annotations

import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from pace_app.config.repo import parse_repo_config
from pace_app.config.settings import Settings
from pace_app.doctor import FAIL, PASS, WARN, check_sandbox
from pace_app.errors import SandboxError
from pace_app.sandbox import OperatorSandbox, operator_sandbox
from pace_app.sandbox.policy import MIB, OFF_NOTE, Limits, SandboxPolicy
from tests.acceptance.harness import PaceProcess, app_environment, run_pace
from tests.fakes.fake_github import FakeGitHub
from tests.fakes.servers import serve

BOGUS_BWRAP = "/nonexistent/bwrap"


def settings(**values: object) -> Settings:
    """Build settings from values alone, ignoring this machine's environment and .env."""
    return Settings(_env_file=None, **values)  # type: ignore[call-arg, arg-type]


def test_the_defaults_are_required_and_no_setup_network() -> None:
    sandbox = operator_sandbox(settings())
    assert sandbox.policy == SandboxPolicy()
    assert sandbox.bwrap_path == "bwrap"


def test_settings_make_the_operators_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "SANDBOX_MODE": "Auto",
        "SANDBOX_SETUP_NETWORK": "true",
        "SANDBOX_SETUP_HOSTS": " pypi.example , ,files.example",
        "SANDBOX_MEMORY_MB": "512",
        "SANDBOX_PROCESSES": "64",
        "SANDBOX_FILE_MB": "8",
        "SANDBOX_DISK_MB": "100",
        "SANDBOX_BWRAP": BOGUS_BWRAP,
        "PROTECTED_PATHS": "Makefile,deploy/**",
    }.items():
        monkeypatch.setenv(name, value)
    sandbox = operator_sandbox(Settings(_env_file=None))  # type: ignore[call-arg]
    assert sandbox.policy == SandboxPolicy(
        mode="auto",
        setup_network=True,
        setup_hosts=("pypi.example", "files.example"),
        limits=Limits(512 * MIB, 64, 8 * MIB, 100 * MIB),
        protected_paths=("Makefile", "deploy/**"),
    )
    assert sandbox.bwrap_path == BOGUS_BWRAP


@pytest.mark.bwrap
@pytest.mark.anyio
async def test_a_repository_asking_for_off_still_runs_sandboxed(tmp_path: Path) -> None:
    loaded = parse_repo_config(
        'sandbox:\n  mode: "off"\n  network_during_setup: true\n', source="pace.config.yaml"
    )
    runner = operator_sandbox(settings()).runner(tmp_path, loaded.config.sandbox.request())
    # /proc/1 is bubblewrap's own init inside a fresh pid namespace, never the host's.
    result = await runner.run("cat /proc/1/cmdline | tr '\\0' ' '", cwd=tmp_path, network=True)
    assert result.sandboxed
    assert "bwrap --unshare-all" in result.output
    assert result.warning is not None
    assert (
        "the repository asked for sandbox.mode off; the operator's policy `required` applies"
        in (result.warning)
    )
    assert "network during setup" in result.warning
    assert runner.policy.setup_network is False


@pytest.mark.anyio
async def test_required_without_usable_bwrap_fails_the_command_with_the_reason(
    tmp_path: Path,
) -> None:
    sandbox = operator_sandbox(settings(sandbox_bwrap=BOGUS_BWRAP))
    runner = sandbox.runner(tmp_path)
    with pytest.raises(SandboxError, match="the sandbox is required, but bubblewrap"):
        await runner.run(f"touch {tmp_path / 'ran'}", cwd=tmp_path)
    assert not (tmp_path / "ran").exists()
    assert await sandbox.problem() == f"bubblewrap is not installed ({BOGUS_BWRAP} not found)"


@pytest.mark.anyio
async def test_off_is_only_the_operators_and_says_so(tmp_path: Path) -> None:
    runner = operator_sandbox(settings(sandbox_mode="off")).runner(tmp_path)
    result = await runner.run("true", cwd=tmp_path)
    assert (result.sandboxed, result.warning) == (False, OFF_NOTE)
    assert OFF_NOTE == "repository code ran unsandboxed (SANDBOX_MODE=off)"


@pytest.mark.parametrize(
    ("mode", "bwrap", "line"),
    [
        ("off", "bwrap", "SANDBOX_MODE=off: repository code runs unsandboxed, on this host"),
        (
            "required",
            BOGUS_BWRAP,
            f"SANDBOX_MODE=required but bubblewrap is not installed ({BOGUS_BWRAP} not found): "
            "every story run will fail",
        ),
        (
            "auto",
            None,
            "SANDBOX_MODE=auto and bubblewrap is not installed (None not found): repository "
            "code runs unsandboxed",
        ),
    ],
)
@pytest.mark.anyio
async def test_the_start_line_names_the_risk(mode: str, bwrap: str | None, line: str) -> None:
    sandbox = OperatorSandbox(SandboxPolicy(mode=mode), bwrap_path=bwrap)  # type: ignore[arg-type]
    assert await sandbox.start_line() == line


@pytest.mark.bwrap
@pytest.mark.anyio
async def test_no_start_line_when_the_sandbox_holds() -> None:
    assert await OperatorSandbox().start_line() is None


@pytest.mark.parametrize(
    ("values", "mark", "detail"),
    [
        ({"sandbox_bwrap": BOGUS_BWRAP}, FAIL, "SANDBOX_MODE=required, bubblewrap is not"),
        ({"sandbox_bwrap": BOGUS_BWRAP, "sandbox_mode": "auto"}, WARN, "runs unsandboxed"),
        ({"sandbox_mode": "off"}, WARN, "SANDBOX_MODE=off: repository code runs unsandboxed"),
    ],
)
@pytest.mark.anyio
async def test_doctor_fails_when_the_required_sandbox_cannot_hold(
    values: dict[str, object], mark: str, detail: str
) -> None:
    check = await check_sandbox(settings(**values))
    assert (check.mark, check.name) == (mark, "sandbox")
    assert detail in check.detail


@pytest.mark.bwrap
@pytest.mark.anyio
async def test_doctor_passes_and_describes_the_setup_network() -> None:
    quiet = await check_sandbox(settings())
    assert (quiet.mark, quiet.detail) == (
        PASS,
        "bubblewrap usable (SANDBOX_MODE=required); setup runs without network",
    )
    networked = await check_sandbox(settings(sandbox_setup_network=True))
    expected = (
        "setup network through slirp4netns"
        if shutil.which("slirp4netns")
        else "setup network unavailable (slirp4netns not installed)"
    )
    assert networked.detail.endswith(expected)


@pytest.fixture
def github() -> Iterator[tuple[FakeGitHub, str]]:
    """Serve a fake GitHub over real HTTP."""
    fake = FakeGitHub()
    with serve(fake) as url:
        yield fake, url


@pytest.mark.slow
def test_pace_doctor_exits_non_zero_without_the_required_sandbox(
    tmp_path: Path, github: tuple[FakeGitHub, str]
) -> None:
    fake, url = github
    env = app_environment(
        tmp_path,
        GITHUB_APP_ID=str(fake.app_id),
        GITHUB_PRIVATE_KEY=fake.private_key_pem,
        GITHUB_API_URL=url,
        ANTHROPIC_API_KEY="sk-ant-doctor-test",
        SANDBOX_BWRAP=BOGUS_BWRAP,
    )
    result = run_pace("doctor", cwd=tmp_path, env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    failed = [line for line in result.stdout.splitlines() if line.startswith("✗")]
    assert failed == [
        f"✗ sandbox: SANDBOX_MODE=required, bubblewrap is not installed ({BOGUS_BWRAP} not "
        "found): story runs will fail"
    ]


@pytest.mark.slow
def test_pace_serve_says_at_start_that_the_required_sandbox_cannot_hold(tmp_path: Path) -> None:
    env = app_environment(tmp_path, SANDBOX_BWRAP=BOGUS_BWRAP)
    server = PaceProcess(("serve",), tmp_path, env, tmp_path / "serve.log").start()
    try:
        server.wait_http("/healthz")
        server.signal(signal.SIGTERM)
        assert server.wait() == 0
    finally:
        server.stop()
    warnings = [r for r in server.log_records() if r["message"].startswith("sandbox: ")]
    assert [r["message"] for r in warnings] == [
        f"sandbox: SANDBOX_MODE=required but bubblewrap is not installed ({BOGUS_BWRAP} not "
        "found): every story run will fail"
    ]
    assert warnings[0]["level"] == "WARNING"
