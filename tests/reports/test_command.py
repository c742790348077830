"""``pace runs``, ``pace runs show`` and ``pace spend`` in-process, over a real SQLite store."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import anyio
import pytest

from pace_app.cli import main
from pace_app.domain.run import RunState
from pace_app.llm.provider import Usage
from pace_app.llm.usage import UsageLedger
from pace_app.queue.sqlite import SQLiteJobStore


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return an empty data directory the commands read, with no App settings at all."""
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_APP_ID", "GITHUB_PRIVATE_KEY", "GITHUB_PRIVATE_KEY_PATH", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "data").mkdir()
    return tmp_path / "data"


async def _seed(data_dir: Path) -> list[int]:
    """Store two runs that spent money (octo/cat, octo/dog) and one that did not."""
    store = SQLiteJobStore(data_dir / "pace.db")
    await store.open()
    ids: list[int] = []
    try:
        for repo, cost in (("octo/cat", 0.5), ("octo/dog", 0.25), ("octo/cat", 0.0)):
            installation = 8 if repo == "octo/dog" else 9
            run, _ = await store.start_run(
                repo=repo, issue_number=len(ids) + 1, installation_id=installation
            )
            ledger = UsageLedger(budget_usd=3.0)
            if cost:
                ledger.record("forge", Usage(1000, 100), cost, model="m1")
            run = await store.update_run(
                run.moved(RunState.PREPARING, details={"ledger": ledger.to_json()}),
                expected=run.state,
            )
            await store.update_run(
                replace(run.moved(RunState.FAILED), outcome="x"), expected=run.state
            )
            ids.append(run.id)
    finally:
        await store.close()
    return ids


def seed(data_dir: Path) -> list[int]:
    """Seed the store before running the commands, which run their own event loop."""
    return anyio.run(_seed, data_dir)


def pace(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``pace ARGV`` and return its exit status, output and errors."""
    try:
        status = main(list(argv))
    except SystemExit as exc:
        status = int(exc.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_runs_lists_filters_and_prints_json(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = seed(data_dir)

    status, out, _ = pace(capsys, "runs")
    assert status == 0
    rows = [line.split() for line in out.splitlines()[1:]]
    assert [row[0] for row in rows] == [str(i) for i in reversed(ids)]
    assert [row[5] for row in rows] == ["$0.00", "$0.25", "$0.50"]

    status, out, _ = pace(capsys, "runs", "--repo", "octo/dog", "--since", "1h", "--json")
    assert status == 0
    [row] = json.loads(out)
    assert (row["id"], row["repo"], row["cost_usd"], row["tokens"]) == (
        ids[1],
        "octo/dog",
        0.25,
        1100,
    )


def test_show_prints_one_run_and_json(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = seed(data_dir)

    status, out, _ = pace(capsys, "runs", "show", str(ids[0]))
    assert status == 0
    assert out.startswith(f"Run {ids[0]}: octo/cat#1, failed (attempt 1)")
    assert "queued > preparing > failed" in out
    assert "Cost: $0.50 of $3.00 budget, 1,100 tokens in 1 model call(s)" in out

    status, out, _ = pace(capsys, "runs", "--json", "show", str(ids[0]))
    assert status == 0
    shown = json.loads(out)
    assert [s["state"] for s in shown["attempts"][0]["states"]] == ["queued", "preparing", "failed"]
    assert shown["by_model"]["m1"]["cost_usd"] == 0.5


def test_spend_totals_runs_per_repository(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(data_dir)

    status, out, _ = pace(capsys, "spend")
    assert status == 0
    assert [line.split() for line in out.splitlines()[1:]] == [
        ["REPOSITORY", "RUNS", "COST"],
        ["octo/cat", "1", "$0.50"],
        ["octo/dog", "1", "$0.25"],
        ["TOTAL", "2", "$0.75"],
    ]
    status, out, _ = pace(capsys, "spend", "--repo", "octo/cat", "--since", "2d", "--json")
    assert status == 0
    shown = json.loads(out)
    assert shown["total_usd"] == 0.5
    assert shown["repositories"] == [{"repo": "octo/cat", "runs": 1, "cost_usd": 0.5}]
    status, out, _ = pace(capsys, "spend", "--installation", "8")
    assert status == 0
    assert out.splitlines()[-1].split() == ["TOTAL", "1", "$0.25"]


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (("runs", "show", "999"), 1, "pace: error: no run with id 999"),
        (("runs", "show", "abc"), 2, "argument id: 'abc' is not a run id (a positive number)"),
        (
            ("runs", "--since", "7x"),
            2,
            "argument --since: '7x' is not a duration like 30m, 6h or 2d",
        ),
        (("spend", "--since", "0d"), 2, "argument --since: '0d' is not longer than zero"),
        (
            ("spend", "--repo", "cat"),
            2,
            "argument --repo: 'cat' is not a repository like OWNER/NAME",
        ),
        (("runs", "--limit", "0"), 2, "argument --limit: '0' is not a number from 1 to 1000"),
        (("spend", "--installation", "x"), 2, "'x' is not an installation id"),
    ],
)
def test_bad_input_is_one_clear_error(
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    argv: tuple[str, ...],
    status: int,
    message: str,
) -> None:
    code, out, err = pace(capsys, *argv)

    assert code == status
    assert message in err
    assert out == ""
