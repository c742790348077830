"""Check run endpoints, validated against GitHub's documented limits."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.github.protocol import ApiError, int_param, json_body, page_of, repo_of, state_of
from tests.fakes.github.state import WEB_URL, CheckRun, GitHubState, iso
from tests.fakes.github.validation import check_run_problems

_FIELDS = ("name", "status", "conclusion", "external_id", "details_url", "started_at")


def check_run_json(run: CheckRun) -> dict[str, Any]:
    """Render a check run."""
    output = {key: value for key, value in run.output.items() if key != "annotations"}
    return {
        "id": run.id,
        "name": run.name,
        "head_sha": run.head_sha,
        "status": run.status,
        "conclusion": run.conclusion,
        "external_id": run.external_id,
        "details_url": run.details_url,
        "started_at": run.started_at,
        "completed_at": run.completed_at,
        "output": {**output, "annotations_count": len(run.annotations)},
        "html_url": f"{WEB_URL}/{run.repo}/runs/{run.id}",
    }


def _apply(state: GitHubState, run: CheckRun, body: dict[str, Any]) -> None:
    for key in _FIELDS:
        if key in body:
            setattr(run, key, body[key])
    if body.get("conclusion") is not None:
        # GitHub completes a run as soon as it is given a conclusion.
        run.status = "completed"
    if run.status == "completed" and run.completed_at is None:
        run.completed_at = body.get("completed_at") or iso(state.clock())
    if "output" in body:
        output = dict(body["output"])
        run.annotations.extend(output.pop("annotations", []))
        run.output = output


def _refuse(problems: list[str]) -> None:
    if problems:
        raise ApiError(422, "Invalid request.\n\n" + "\n".join(problems))


async def create_check_run(request: Request) -> Response:
    """``POST /repos/{owner}/{repo}/check-runs``."""
    repo = repo_of(request)
    body = await json_body(request)
    _refuse(check_run_problems(body, creating=True))
    state = state_of(request)
    run = CheckRun(
        id=state.next_id(), repo=repo.full_name, name=body["name"], head_sha=body["head_sha"]
    )
    _apply(state, run, body)
    state.check_runs[run.id] = run
    return JSONResponse(check_run_json(run), status_code=201)


def _run_of(request: Request) -> CheckRun:
    repo = repo_of(request)
    run = state_of(request).check_runs.get(int_param(request, "check_run_id"))
    if run is None or run.repo != repo.full_name:
        raise ApiError(404, "Not Found")
    return run


async def update_check_run(request: Request) -> Response:
    """``PATCH /repos/{owner}/{repo}/check-runs/{id}``."""
    run = _run_of(request)
    body = await json_body(request)
    _refuse(check_run_problems(body, creating=False))
    _apply(state_of(request), run, body)
    return JSONResponse(check_run_json(run))


async def get_check_run(request: Request) -> Response:
    """``GET /repos/{owner}/{repo}/check-runs/{id}``."""
    return JSONResponse(check_run_json(_run_of(request)))


async def list_for_ref(request: Request) -> Response:
    """``GET /repos/{owner}/{repo}/commits/{ref}/check-runs`` (``check_name`` filter)."""
    repo = repo_of(request)
    ref: str = request.path_params["ref"]
    name = request.query_params.get("check_name")
    runs = [
        run
        for run in state_of(request).check_runs.values()
        if run.repo == repo.full_name and run.head_sha == ref and name in {None, run.name}
    ]
    # This endpoint wraps its page in an object; gidgethub's getiter unwraps it
    # when asked with iterable_key="check_runs".
    items, headers = page_of(request, [check_run_json(r) for r in runs])
    return JSONResponse({"total_count": len(runs), "check_runs": items}, headers=headers)


ROUTES = [
    Route("/repos/{owner}/{repo}/check-runs", create_check_run, methods=["POST"]),
    Route(
        "/repos/{owner}/{repo}/check-runs/{check_run_id:int}", update_check_run, methods=["PATCH"]
    ),
    Route("/repos/{owner}/{repo}/check-runs/{check_run_id:int}", get_check_run, methods=["GET"]),
    Route("/repos/{owner}/{repo}/commits/{ref}/check-runs", list_for_ref, methods=["GET"]),
]
