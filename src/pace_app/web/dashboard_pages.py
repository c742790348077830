"""HTML for the dashboard: the runs list, one run's timeline, and the queue.

Every value that comes from a run, a repository or a person is escaped here; links
are only ever ``http(s)`` addresses built by the read model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from pace_app.domain.job_store import Installation, Job
from pace_app.domain.run import RunState
from pace_app.web.access import Viewer
from pace_app.web.forge_views import ForgeRound, TurnView
from pace_app.web.pages import layout
from pace_app.web.run_views import RunFilter, RunView

_STATE_COLOURS = {"done": "#1a7f37", "failed": "#cf222e", "cancelled": "#6e7781"}


def _nav(viewer: Viewer) -> str:
    who = (
        "operator (ADMIN_TOKEN)"
        if viewer.operator
        else f'{escape(viewer.login or "")} · <a href="/logout">Log out</a>'
    )
    return (
        f'<nav><a href="/runs">Runs</a> · <a href="/queue">Queue</a> <small>· {who}</small></nav>'
    )


def money(value: float) -> str:
    """Return a USD amount as the pages show it: cents, or four places below a cent."""
    return f"${value:.4f}" if 0 < value < 0.01 else f"${value:.2f}"


def _when(run: RunView) -> str:
    return escape(run.updated_at.isoformat(timespec="seconds"))


def _state(state: str) -> str:
    colour = _STATE_COLOURS.get(state, "#0969da")
    return f'<span class=state style="color:{colour}">{escape(state)}</span>'


def _link(url: str, text: str) -> str:
    if not url.startswith(("https://", "http://")):
        return escape(text)
    return f'<a href="{escape(url)}">{escape(text)}</a>'


def _filters(wanted: RunFilter, repos: Sequence[str]) -> str:
    repo_options = "".join(
        f"<option{' selected' if wanted.repo == repo else ''}>{escape(repo)}</option>"
        for repo in repos
    )
    state_options = "".join(
        f"<option{' selected' if wanted.state == state else ''}>{escape(state.value)}</option>"
        for state in RunState
    )
    since = escape(wanted.query().get("since", ""))
    return (
        '<form method=get action="/runs" class=filters>'
        f'<label>repository <select name=repo><option value="">all</option>{repo_options}'
        "</select></label> "
        f'<label>state <select name=state><option value="">any</option>{state_options}'
        "</select></label> "
        f'<label>since <input name=since size=5 placeholder="7d" value="{since}"></label> '
        "<button type=submit>Filter</button></form>"
    )


def runs_page(
    viewer: Viewer,
    runs: Sequence[RunView],
    wanted: RunFilter,
    repos: Sequence[str],
    problem: str | None = None,
) -> str:
    """Render the runs list with its filters."""
    rows = "".join(
        f'<tr><td><a href="/runs/{run.id}">#{run.id}</a></td>'
        f"<td>{escape(run.repo)}</td>"
        f"<td>{_link(run.links[0].url, f'#{run.issue_number}')} {escape(run.title)}</td>"
        f"<td>{_state(run.state)}</td><td>{run.attempt}</td>"
        f"<td class=cost>{money(run.cost_usd)}</td><td>{run.tokens:,}</td>"
        f"<td>{_when(run)}</td></tr>"
        for run in runs
    )
    table = (
        "<table><tr><th>run</th><th>repository</th><th>issue</th><th>state</th>"
        f"<th>attempt</th><th>cost</th><th>tokens</th><th>updated</th></tr>{rows}</table>"
        if runs
        else "<p>No runs match.</p>"
    )
    warning = f"<p class=problem>{escape(problem)}</p>" if problem else ""
    if not viewer.operator and not viewer.repos:
        warning += (
            "<p>You cannot write to any repository this App is installed on, so there are "
            "no runs to show.</p>"
        )
    body = _nav(viewer) + _filters(wanted, repos) + warning + table
    return layout("PACE runs", body)


def run_page(viewer: Viewer, run: RunView) -> str:
    """Render one run's timeline: history, FORGE rounds, verdicts, findings, cost and links."""
    links = " · ".join(_link(link.url, link.label) for link in run.links)
    facts = (
        f"<p>{escape(run.repo)} #{run.issue_number}: {escape(run.title)}</p>"
        f"<p>State {_state(run.state)}, attempt {run.attempt}"
        + (f", outcome: {escape(run.outcome)}" if run.outcome else "")
        + f"</p><p>Links: {links}</p>"
    )
    history = (
        "<h2>Timeline</h2><ol class=timeline>"
        + "".join(
            f"<li>{_state(event.state)} <small>{escape(event.at)}</small>"
            + (f" {escape(event.note)}" if event.note else "")
            + "</li>"
            for event in run.history
        )
        + "</ol>"
        if run.history
        else (
            "<h2>Timeline</h2><p>Created "
            f"{escape(run.created_at.isoformat(timespec='seconds'))}, last update {_when(run)}."
            "</p>"
        )
    )
    rounds = "".join(_forge_round(forge) for forge in run.forge) or "<p>FORGE has not run.</p>"
    verdicts = "".join(
        f"<li>{escape(agent)}: <strong>{escape(verdict)}</strong></li>"
        for agent, verdict in run.verdicts
    )
    findings = "".join(f"<li>{escape(finding)}</li>" for finding in run.findings)
    review = (f"<ul>{verdicts}</ul>" if verdicts else "<p>No review yet.</p>") + (
        f"<h3>Findings</h3><ul>{findings}</ul>" if findings else ""
    )
    agents = "".join(
        f"<tr><td>{escape(a.agent)}</td><td>{a.calls}</td><td>{a.tokens:,}</td>"
        f"<td class=cost>{money(a.cost_usd)}</td></tr>"
        for a in run.agents
    )
    budget = f" of {money(run.budget_usd)}" if run.budget_usd is not None else ""
    cost = (
        f"<p>Total <strong class=cost>{money(run.cost_usd)}</strong>{budget}, "
        f"{run.tokens:,} tokens.</p>"
        + (
            "<table><tr><th>agent</th><th>calls</th><th>tokens</th><th>cost</th></tr>"
            f"{agents}</table>"
            if agents
            else ""
        )
    )
    body = (
        _nav(viewer)
        + facts
        + history
        + "<h2>FORGE</h2>"
        + rounds
        + "<h2>Review</h2>"
        + review
        + "<h2>Cost</h2>"
        + cost
    )
    return layout(f"Run #{run.id}", body)


def _forge_round(forge: ForgeRound) -> str:
    limit = f" of {forge.max_turns}" if forge.max_turns else ""
    ended = f", ended by {escape(forge.stop_reason)}" if forge.stop_reason else ", in progress"
    files = f"; files changed: {escape(', '.join(forge.files))}" if forge.files else ""
    turns = "".join(_turn(turn) for turn in forge.turn_list)
    return (
        f"<h3>Round {forge.round}</h3><p>{forge.turns}{limit} turns{ended}{files}</p>"
        + (f"<p>{escape(forge.summary)}</p>" if forge.summary else "")
        + (f"<ol class=turns>{turns}</ol>" if turns else "")
    )


def _turn(turn: TurnView) -> str:
    tools = escape(", ".join(turn.tools)) or "no tool"
    files = f" — wrote {escape(', '.join(turn.files))}" if turn.files else ""
    cost = f" <small>({money(turn.cost_usd)} so far)</small>" if turn.cost_usd is not None else ""
    return f"<li value={turn.turn}>turn {turn.turn}: {tools}{files}{cost}</li>"


def queue_page(
    viewer: Viewer,
    counts: Mapping[str, int],
    active: Sequence[RunView],
    *,
    app_id: int | None = None,
    installations: Sequence[Installation] = (),
    jobs: Sequence[Job] = (),
) -> str:
    """Render the queue: job counts, the runs in progress, and (for the operator) jobs."""
    depth = "".join(
        f"<tr><td>{escape(state)}</td><td>{count}</td></tr>" for state, count in counts.items()
    )
    running = "".join(
        f'<tr><td><a href="/runs/{run.id}">#{run.id}</a></td><td>{escape(run.repo)}</td>'
        f"<td>#{run.issue_number}</td><td>{_state(run.state)}</td><td>{_when(run)}</td></tr>"
        for run in active
    )
    body = (
        _nav(viewer)
        + "<h2>Jobs by state</h2><table><tr><th>state</th><th>jobs</th></tr>"
        + depth
        + "</table><h2>Runs in progress</h2>"
        + (
            "<table><tr><th>run</th><th>repository</th><th>issue</th><th>state</th>"
            f"<th>updated</th></tr>{running}</table>"
            if active
            else "<p>None.</p>"
        )
    )
    if viewer.operator:
        body += _operator_section(app_id, installations, jobs)
    return layout("PACE queue", body)


def _operator_section(
    app_id: int | None, installations: Sequence[Installation], jobs: Sequence[Job]
) -> str:
    installed = "".join(
        f"<tr><td>{i.id}</td><td>{escape(i.account_login)}</td>"
        f"<td>{escape(', '.join(i.repositories) or 'all')}</td>"
        f"<td>{'suspended' if i.suspended else 'active'}</td></tr>"
        for i in installations
    )
    recent = "".join(
        f"<tr><td>{job.id}</td><td>{escape(job.kind)}</td><td>{escape(job.state.value)}</td>"
        f"<td>{job.attempts}</td><td>{escape(job.updated_at.isoformat(timespec='seconds'))}"
        "</td></tr>"
        for job in jobs
    )
    shown = escape(str(app_id)) if app_id is not None else "unknown"
    return (
        f"<h2>App</h2><p>App id: <strong>{shown}</strong></p><h2>Installations</h2>"
        + (
            "<table><tr><th>id</th><th>account</th><th>repositories</th><th>status</th></tr>"
            f"{installed}</table>"
            if installations
            else "<p>None yet.</p>"
        )
        + "<h2>Recent jobs</h2>"
        + (
            "<table><tr><th>id</th><th>kind</th><th>state</th><th>attempts</th>"
            f"<th>updated</th></tr>{recent}</table>"
            if jobs
            else "<p>None yet.</p>"
        )
    )
