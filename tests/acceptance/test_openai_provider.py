"""``llm.provider: openai`` runs a whole story on an OpenAI-compatible server."""

import json
from pathlib import Path

import pytest

from tests.acceptance.harness import PaceProcess, wait_until
from tests.acceptance.test_story_run import BRANCH, FORGE_SESSION, status_comments
from tests.acceptance.world import FIXED_WIDGETS, PROJECT, REPO, deliver, world
from tests.fakes.fake_openai import FakeOpenAI
from tests.fakes.servers import serve

pytestmark = pytest.mark.slow

OPENAI_KEY = "sk-openai-acceptance-key"
MODEL = "gpt-5-mini"


def test_a_story_runs_through_the_openai_compatible_provider(tmp_path: Path) -> None:
    project = dict(PROJECT)
    project["pace.config.yaml"] += f"llm:\n  provider: openai\n  model: {MODEL}\n"
    project["pace.config.yaml"] += f"  analysis_model: {MODEL}\n"
    openai = FakeOpenAI(FORGE_SESSION, api_key=OPENAI_KEY)
    with world(tmp_path, project=project) as w, serve(openai.app) as openai_url:
        number = w.open_story()
        environment = w.environment(
            tmp_path, OPENAI_API_KEY=OPENAI_KEY, OPENAI_BASE_URL=openai_url + "/v1"
        )
        server = PaceProcess(("serve",), tmp_path, environment, tmp_path / "serve.log")
        server.start().wait_http("/readyz")
        try:
            assert deliver(server, "issues", w.labeled_payload(number), "delivery-1") == 202
            wait_until(
                lambda: any("PR ready for review" in body for body in status_comments(w, number)),
                timeout=90,
                what="the run to finish",
                context=server.output,
            )
        finally:
            server.stop()
        log = server.output()
    [pull] = w.github.state.pulls.values()
    assert (pull.head, pull.base, pull.draft) == (BRANCH, "main", True)
    assert "count_widgets now returns len(items)." in pull.body
    assert w.git.read_file(REPO, "widgets.py", ref=BRANCH) == FIXED_WIDGETS
    # Every agent went to the OpenAI-compatible server, none to the Messages API.
    assert w.model.requests == []
    assert openai.remaining == 0
    assert openai.rejections == []
    assert {body["model"] for body in openai.requests} == {MODEL}
    forge_request = openai.requests[1]
    assert forge_request["messages"][0]["role"] == "system"
    assert "count_widgets" in json.dumps(forge_request["messages"][0])
    [final] = status_comments(w, number)
    assert "tokens" in final
    assert OPENAI_KEY not in log
