"""Metrics move when recorded and render as parseable Prometheus text."""

from __future__ import annotations

import pytest
from prometheus_client import CollectorRegistry
from prometheus_client.parser import text_string_to_metric_families

from pace_app.domain.job_store import JobState
from pace_app.observability.metrics import Metrics, status_class

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def _samples(metrics: Metrics) -> Samples:
    body, content_type = metrics.render()
    assert content_type.startswith("text/plain")
    found: Samples = {}
    for family in text_string_to_metric_families(body.decode()):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def test_deliveries_runs_and_github_counters_move() -> None:
    metrics = Metrics()
    metrics.delivery("issues", "accepted")
    metrics.delivery("issues", "accepted")
    metrics.delivery("push", "ignored")
    metrics.delivery("issues", "duplicate")
    metrics.delivery("unknown", "rejected")
    metrics.run_finished("ship")
    metrics.github_response(201, rate_limit_remaining=4999)
    metrics.github_response(404)
    metrics.github_response(None)
    samples = _samples(metrics)
    deliveries = "pace_webhook_deliveries_total"
    assert samples[(deliveries, (("event", "issues"), ("outcome", "accepted")))] == 2
    assert samples[(deliveries, (("event", "push"), ("outcome", "ignored")))] == 1
    assert samples[(deliveries, (("event", "issues"), ("outcome", "duplicate")))] == 1
    assert samples[(deliveries, (("event", "unknown"), ("outcome", "rejected")))] == 1
    assert samples[("pace_runs_total", (("outcome", "ship"),))] == 1
    assert samples[("pace_github_requests_total", (("status_class", "2xx"),))] == 1
    assert samples[("pace_github_requests_total", (("status_class", "4xx"),))] == 1
    assert samples[("pace_github_requests_total", (("status_class", "error"),))] == 1
    assert samples[("pace_github_rate_limit_remaining", ())] == 4999


def test_queue_depth_covers_every_state() -> None:
    metrics = Metrics()
    metrics.set_queue_depth({JobState.QUEUED: 3, JobState.RUNNING: 1})
    samples = _samples(metrics)
    assert {
        state.value: samples[("pace_jobs", (("state", state.value),))] for state in JobState
    } == {"queued": 3, "running": 1, "succeeded": 0, "dead": 0, "cancelled": 0}

    metrics.set_queue_depth({"queued": 0, "dead": 2})
    samples = _samples(metrics)
    assert samples[("pace_jobs", (("state", "queued"),))] == 0
    assert samples[("pace_jobs", (("state", "running"),))] == 0
    assert samples[("pace_jobs", (("state", "dead"),))] == 2


def test_job_duration_histogram() -> None:
    metrics = Metrics()
    metrics.job_finished("run_story", "succeeded", 42.0)
    metrics.job_finished("run_story", "succeeded", 0.2)
    samples = _samples(metrics)
    labels = (("kind", "run_story"), ("outcome", "succeeded"))
    assert samples[("pace_job_duration_seconds_count", labels)] == 2
    assert samples[("pace_job_duration_seconds_sum", labels)] == pytest.approx(42.2)
    assert (
        samples[("pace_job_duration_seconds_bucket", (*labels[:1], ("le", "0.5"), labels[1]))] == 1
    )
    assert (
        samples[("pace_job_duration_seconds_bucket", (*labels[:1], ("le", "60.0"), labels[1]))] == 2
    )


def test_model_usage_adds_tokens_and_cost() -> None:
    metrics = Metrics()
    model = "claude-sonnet"
    metrics.model_usage(
        model,
        input_tokens=100,
        output_tokens=20,
        cache_write_tokens=300,
        cache_read_tokens=4000,
        cost_usd=0.25,
    )
    metrics.model_usage(model, input_tokens=5, cost_usd=0.5)
    samples = _samples(metrics)
    tokens = {
        kind: samples[("pace_model_tokens_total", (("kind", kind), ("model", model)))]
        for kind in ("input", "output", "cache_write", "cache_read")
    }
    assert tokens == {"input": 105, "output": 20, "cache_write": 300, "cache_read": 4000}
    assert samples[("pace_model_cost_usd_total", (("model", model),))] == pytest.approx(0.75)


def test_instances_do_not_share_state() -> None:
    registry = CollectorRegistry()
    first = Metrics(registry)
    second = Metrics()
    first.run_finished("ship")
    assert first.registry is registry
    assert ("pace_runs_total", (("outcome", "ship"),)) not in _samples(second)


@pytest.mark.parametrize(
    ("status", "expected"),
    [(200, "2xx"), (304, "3xx"), (403, "4xx"), (502, "5xx"), (None, "error"), (42, "error")],
)
def test_status_class(status: int | None, expected: str) -> None:
    assert status_class(status) == expected
