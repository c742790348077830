"""The dashboard's pages and JSON API: runs, one run, the queue.

A page asked for without a login redirects to ``/login`` (and back afterwards); the
JSON API answers 401 instead. A run of a repository the viewer cannot write to answers
404, exactly like a run that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from pace_app.config.settings import Settings
from pace_app.domain.job_store import JobState
from pace_app.domain.store import Store
from pace_app.github.manifest import web_url
from pace_app.web.access import Access, Viewer
from pace_app.web.dashboard_pages import queue_page, run_page, runs_page
from pace_app.web.login import OAuthClient
from pace_app.web.pages import error_page
from pace_app.web.run_views import FilterError, RunFilter, RunViews
from pace_app.web.session import derive_key

RECENT_JOBS = 20
NO_STORE = {"cache-control": "no-store"}
# The pages run no script and are never framed: a strict policy costs nothing here.
PAGE_HEADERS = {
    **NO_STORE,
    "content-security-policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "referrer-policy": "same-origin",
    "x-content-type-options": "nosniff",
}


@dataclass(frozen=True)
class DashboardSettings:
    """What the dashboard needs from the service settings."""

    admin_token: str | None = field(default=None, repr=False)
    session_key: bytes | None = field(default=None, repr=False)
    oauth: OAuthClient | None = None
    web_url: str = "https://github.com"
    public_url: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> DashboardSettings:
        """Read the token, the OAuth client and the session key from ``settings``."""
        secret = settings.github_client_secret
        client_secret = secret.get_secret_value() if secret else None
        session = settings.session_secret.get_secret_value() if settings.session_secret else None
        web = web_url(settings.github_api_url)
        oauth = (
            OAuthClient(settings.github_client_id, client_secret, web, settings.github_api_url)
            if settings.github_client_id and client_secret
            else None
        )
        token = settings.admin_token.get_secret_value() if settings.admin_token else None
        return cls(token, derive_key(session, client_secret), oauth, web, settings.public_url)


class Dashboard:
    """Serve the runs list, a run's timeline, the queue and the JSON API."""

    def __init__(
        self, store: Store, access: Access, views: RunViews, app_id: int | None = None
    ) -> None:
        self._store = store
        self._access = access
        self._views = views
        self._app_id = app_id

    def _page_viewer(self, request: Request) -> Viewer | Response:
        viewer = self._access.viewer(request)
        if viewer is not None:
            return viewer
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(
            f"/login?next={quote(target, safe='')}", status_code=302, headers=NO_STORE
        )

    async def runs(self, request: Request) -> Response:
        """``GET /`` and ``GET /runs``: the runs the viewer may see, filtered."""
        viewer = self._page_viewer(request)
        if isinstance(viewer, Response):
            return viewer
        problem = None
        try:
            wanted = RunFilter.parse(dict(request.query_params))
        except FilterError as exc:
            wanted, problem = RunFilter(), f"Filter ignored: {exc}"
        runs = await self._views.find(viewer, wanted)
        if viewer.operator:
            installed = await self._store.list_installations()
            choices = {repo for i in installed for repo in i.repositories}
            choices |= {run.repo for run in runs}
        else:
            choices = set(viewer.repos)
        repos = sorted(choices, key=str.lower)
        page = runs_page(viewer, runs, wanted, repos, problem)
        return HTMLResponse(page, status_code=400 if problem else 200, headers=PAGE_HEADERS)

    async def run(self, request: Request) -> Response:
        """``GET /runs/{id}``: one run's timeline, or 404."""
        viewer = self._page_viewer(request)
        if isinstance(viewer, Response):
            return viewer
        run = await self._views.get(viewer, request.path_params["run_id"])
        if run is None:
            page = error_page("Run not found", "There is no such run, or you cannot see it.")
            return HTMLResponse(page, status_code=404, headers=PAGE_HEADERS)
        return HTMLResponse(run_page(viewer, run), headers=PAGE_HEADERS)

    async def queue(self, request: Request) -> Response:
        """``GET /queue``: job counts and runs in progress (and jobs, for the operator)."""
        viewer = self._page_viewer(request)
        if isinstance(viewer, Response):
            return viewer
        counts = await self._store.counts()
        by_state = {state.value: counts.get(state, 0) for state in JobState}
        active = await self._views.active(viewer)
        if viewer.operator:
            page = queue_page(
                viewer,
                by_state,
                active,
                app_id=self._app_id,
                installations=await self._store.list_installations(),
                jobs=await self._store.list_jobs(limit=RECENT_JOBS),
            )
        else:
            page = queue_page(viewer, by_state, active)
        return HTMLResponse(page, headers=PAGE_HEADERS)

    def _api_viewer(self, request: Request) -> Viewer | Response:
        viewer = self._access.viewer(request)
        if viewer is not None:
            return viewer
        return JSONResponse(
            {"error": "send Authorization: Bearer ADMIN_TOKEN, or log in"},
            status_code=401,
            headers={"www-authenticate": "Bearer", **NO_STORE},
        )

    async def api_runs(self, request: Request) -> Response:
        """``GET /api/runs``: the runs list as JSON (same filters as the page)."""
        viewer = self._api_viewer(request)
        if isinstance(viewer, Response):
            return viewer
        try:
            wanted = RunFilter.parse(dict(request.query_params))
        except FilterError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400, headers=NO_STORE)
        runs = await self._views.find(viewer, wanted)
        return JSONResponse({"runs": [run.summary_json() for run in runs]}, headers=NO_STORE)

    async def api_run(self, request: Request) -> Response:
        """``GET /api/runs/{id}``: one run as JSON, or 404."""
        viewer = self._api_viewer(request)
        if isinstance(viewer, Response):
            return viewer
        run = await self._views.get(viewer, request.path_params["run_id"])
        if run is None:
            return JSONResponse({"error": "no such run"}, status_code=404, headers=NO_STORE)
        return JSONResponse(run.detail_json(), headers=NO_STORE)
