"""How SENTINEL's verdict reads as the check run ``PACE / SENTINEL``."""

from __future__ import annotations

from typing import Any, Literal

from pace_app.domain.findings import Verdict

CHECK_NAME = "PACE / SENTINEL"
MAX_SUMMARY_CHARS = 65_000
Conclusion = Literal["success", "neutral", "failure"]
CONCLUSIONS: dict[Verdict, Conclusion] = {
    "SHIP": "success",
    "ADVISORY": "neutral",
    "HOLD": "failure",
}
TITLES: dict[Verdict, str] = {
    "SHIP": "No security findings",
    "ADVISORY": "Advisory security findings",
    "HOLD": "Blocking security findings",
}


def check_output(verdict: Verdict, summary: str) -> dict[str, Any]:
    """Return the check run's completion body for this verdict and summary."""
    if len(summary) > MAX_SUMMARY_CHARS:
        summary = summary[: MAX_SUMMARY_CHARS - 40] + "\n\n… (summary cut at the size limit)"
    return {
        "status": "completed",
        "conclusion": CONCLUSIONS[verdict],
        "output": {"title": f"{verdict}: {TITLES[verdict]}", "summary": summary},
    }
