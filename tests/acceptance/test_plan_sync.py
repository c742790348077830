"""A push changing plan.yaml on the default branch syncs its issues through ``pace serve``."""

import tempfile
from pathlib import Path

import pytest

from tests.acceptance.harness import PaceProcess, run_pace, wait_until
from tests.acceptance.world import PROJECT, REPO, World, deliver, world
from tests.fakes.git_server import git
from tests.handlers.test_push import push_event
from tests.plans.fixtures import THREE_STORIES

pytestmark = pytest.mark.slow

CONFIG = "plan:\n  sync: true\n  start: false\n"


def commit(w: World, files: dict[str, str], message: str) -> str:
    """Commit ``files`` to main in the git server's repository; return the new head."""
    with tempfile.TemporaryDirectory() as work:
        tree = Path(work) / "clone"
        git("clone", "--quiet", str(w.git.bare_path(REPO)), str(tree))
        for path, content in files.items():
            (tree / path).write_text(content, encoding="utf-8")
        git("add", "--all", cwd=tree)
        git("-c", "user.name=Alice", "-c", "user.email=a@example.com",
            "commit", "--quiet", "-m", message, cwd=tree)  # fmt: skip
        git("push", "--quiet", "origin", "main", cwd=tree)
        return git("rev-parse", "HEAD", cwd=tree).strip()


def plan_issues(w: World) -> dict[int, tuple[str, str, str]]:
    bot = w.github.state.app.bot_login
    return {
        n: (i.title, i.body, i.state)
        for (r, n), i in w.github.state.issues.items()
        if r == REPO and i.user == bot
    }


def test_pushes_to_the_plan_create_report_and_update_issues(tmp_path: Path) -> None:
    project = PROJECT | {"pace.config.yaml": CONFIG, "plan.yaml": THREE_STORIES}
    with world(tmp_path, project=project) as w:
        server = PaceProcess(("serve",), tmp_path, w.environment(tmp_path), tmp_path / "s.log")
        server.start().wait_http("/readyz")
        try:
            head = w.git.branches(REPO)["main"]
            clone_url = w.git.url_for(REPO)
            assert (
                deliver(server, "push", push_event(after=head, clone_url=clone_url), "p-1") == 202
            )
            wait_until(lambda: len(plan_issues(w)) == 3, what="three plan issues",
                       context=server.output)  # fmt: skip
            created = plan_issues(w)
            assert sorted(t for t, _b, _s in created.values()) == [
                "Delete a note",
                "List notes over HTTP",
                "Store notes in a SQLite table",
            ]

            broken = THREE_STORIES.replace("    status: shipped\n", "    status: done\n")
            head = commit(w, {"plan.yaml": broken}, "Break the plan")
            assert (
                deliver(server, "push", push_event(after=head, clone_url=clone_url), "p-2") == 202
            )
            wait_until(lambda: len(plan_issues(w)) == 4, what="the report issue",
                       context=server.output)  # fmt: skip
            [report] = [i for i in plan_issues(w).values() if i[0] == "plan.yaml is invalid"]
            assert "stories[2] (story-3).status: must be one of pending" in report[1]
            assert {n: i for n, i in plan_issues(w).items() if n in created} == created

            fixed = THREE_STORIES.replace("Delete a note", "Delete a note by id")
            head = commit(w, {"plan.yaml": fixed}, "Fix the plan")
            assert (
                deliver(server, "push", push_event(after=head, clone_url=clone_url), "p-3") == 202
            )
            wait_until(
                lambda: any(i[0] == "Delete a note by id" for i in plan_issues(w).values()),
                what="the edited story's issue updated",
                context=server.output,
            )
            wait_until(
                lambda: all(i[2] == "closed" for i in plan_issues(w).values()
                            if i[0] == "plan.yaml is invalid"),
                what="the report closed",
                context=server.output,
            )  # fmt: skip
            after = plan_issues(w)
            changed = {n for n in created if after[n] != created[n]}
            assert len(changed) == 1
            assert after[changed.pop()][0] == "Delete a note by id"
        finally:
            server.stop()
        # Without a file, the status reads the plan from the default branch.
        status = run_pace("plan", "status", "--repo", REPO, cwd=tmp_path,
                          env=w.environment(tmp_path))  # fmt: skip
        assert status.returncode == 0, status.stderr
        assert status.stdout.splitlines() == [
            "story-1: #1 open, no run (pending)",
            "story-2: #2 open, no run (pending)",
            "story-3: #3 open, no run (shipped)",
        ]
