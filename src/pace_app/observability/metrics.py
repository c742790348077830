"""Prometheus metrics, kept in a registry of their own so instances never collide."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

from pace_app.domain.job_store import JobState

DeliveryOutcomeLabel = Literal["accepted", "ignored", "duplicate", "rejected"]

# Jobs range from a sub-second label update to a FORGE run of most of an hour.
JOB_DURATION_BUCKETS = (0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600)


def status_class(status: int | None) -> str:
    """Return ``2xx``..``5xx`` for an HTTP status, or ``error`` when none came back."""
    if status is None or not 100 <= status <= 599:
        return "error"
    return f"{status // 100}xx"


class Metrics:
    """The service's counters, gauges and histograms, and their text exposition."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry if registry is not None else CollectorRegistry()
        self.webhook_deliveries = Counter(
            "pace_webhook_deliveries_total",
            "Webhook deliveries received, by event and what was done with them.",
            ["event", "outcome"],
            registry=self.registry,
        )
        self.jobs = Gauge(
            "pace_jobs",
            "Jobs in the store, by state, as of the last scrape.",
            ["state"],
            registry=self.registry,
        )
        self.job_duration = Histogram(
            "pace_job_duration_seconds",
            "Time a worker spent on one job attempt, by kind and outcome.",
            ["kind", "outcome"],
            buckets=JOB_DURATION_BUCKETS,
            registry=self.registry,
        )
        self.runs = Counter(
            "pace_runs_total",
            "Story runs finished, by outcome.",
            ["outcome"],
            registry=self.registry,
        )
        self.model_tokens = Counter(
            "pace_model_tokens_total",
            "Model tokens used, by model and kind (input, output, cache_write, cache_read).",
            ["model", "kind"],
            registry=self.registry,
        )
        self.model_cost = Counter(
            "pace_model_cost_usd_total",
            "Estimated model cost in US dollars, by model.",
            ["model"],
            registry=self.registry,
        )
        self.github_requests = Counter(
            "pace_github_requests_total",
            "GitHub API requests, by response status class (error: no response).",
            ["status_class"],
            registry=self.registry,
        )
        self.github_rate_limit_remaining = Gauge(
            "pace_github_rate_limit_remaining",
            "Requests left in the current GitHub rate-limit window, as last reported.",
            registry=self.registry,
        )

    def delivery(self, event: str, outcome: DeliveryOutcomeLabel) -> None:
        """Count one webhook delivery."""
        self.webhook_deliveries.labels(event=event, outcome=outcome).inc()

    def set_queue_depth(self, counts: Mapping[JobState, int] | Mapping[str, int]) -> None:
        """Set the job gauge from ``JobStore.counts()``; states not listed become 0."""
        by_state = {str(state): count for state, count in counts.items()}
        for state in JobState:
            self.jobs.labels(state=state.value).set(by_state.get(state.value, 0))

    def job_finished(self, kind: str, outcome: str, seconds: float) -> None:
        """Record how long one job attempt took and how it ended."""
        self.job_duration.labels(kind=kind, outcome=outcome).observe(seconds)

    def run_finished(self, outcome: str) -> None:
        """Count one finished story run."""
        self.runs.labels(outcome=outcome).inc()

    def model_usage(
        self,
        model: str,
        *,
        input_tokens: int = 0,
        output_tokens: int = 0,
        cache_write_tokens: int = 0,
        cache_read_tokens: int = 0,
        cost_usd: float = 0.0,
    ) -> None:
        """Add one model call's token usage and cost."""
        for kind, tokens in (
            ("input", input_tokens),
            ("output", output_tokens),
            ("cache_write", cache_write_tokens),
            ("cache_read", cache_read_tokens),
        ):
            self.model_tokens.labels(model=model, kind=kind).inc(tokens)
        self.model_cost.labels(model=model).inc(cost_usd)

    def github_response(self, status: int | None, rate_limit_remaining: int | None = None) -> None:
        """Count one GitHub request and keep the rate-limit headroom it reported."""
        self.github_requests.labels(status_class=status_class(status)).inc()
        if rate_limit_remaining is not None:
            self.github_rate_limit_remaining.set(rate_limit_remaining)

    def render(self) -> tuple[bytes, str]:
        """Return the exposition body and its content type for ``GET /metrics``."""
        return generate_latest(self.registry), CONTENT_TYPE_LATEST
