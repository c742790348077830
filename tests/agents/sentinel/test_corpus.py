"""The labelled corpus as a regression test: the deterministic layer keeps its score.

``bench/sentinel_corpus.py`` prints the full table next to ruff's; this test holds the
floor the layer must stay above in every category.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from pace_app.agents.sentinel import deterministic

CORPUS = Path(__file__).resolve().parents[2] / "sentinel_corpus"
FLOOR = 0.6


@pytest.mark.slow
def test_every_category_scores_above_the_floor() -> None:
    with (CORPUS / "labels.csv").open() as fh:
        labels = list(csv.DictReader(fh))
    result, _ = deterministic.scan(CORPUS, [r["file"] for r in labels], None)
    flagged: dict[str, set[str]] = defaultdict(set)
    for finding in result.findings:
        flagged[finding.path].add(finding.cwe or "")
    scores: dict[str, float] = {}
    for category in {r["category"] for r in labels}:
        rows = [r for r in labels if r["category"] == category]
        hits = [(r["vulnerable"] == "1", r["cwe"] in flagged[r["file"]]) for r in rows]
        positives = [hit for vulnerable, hit in hits if vulnerable]
        negatives = [hit for vulnerable, hit in hits if not vulnerable]
        assert len(positives) >= 20
        assert len(negatives) >= 20
        scores[category] = sum(positives) / len(positives) - sum(negatives) / len(negatives)
    assert len(scores) == 14
    assert min(scores.values()) >= FLOOR, scores
    assert result.not_analysed == []
