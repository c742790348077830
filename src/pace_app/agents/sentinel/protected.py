"""Findings for changes to the files that steer the App or the repository's CI.

A pull request that edits ``pace.config.yaml``, ``.gitattributes`` or a workflow changes
how it is itself built and reviewed; that deserves a human's eyes even when the edit
looks harmless. The caller decides what is protected (``is_protected``), so the list
lives in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pace_app.domain.findings import Finding

CATEGORY = "protected-path"
CWE = "CWE-284"


def protected_findings(
    changed_paths: Iterable[str], is_protected: Callable[[str], bool]
) -> list[Finding]:
    """Return one medium, whole-file finding per changed path ``is_protected`` accepts.

    Medium, so the change is shown and followed up (a clearance issue) without holding
    the pull request: FORGE cannot write these files, so a person made the change.
    """
    return [
        Finding(
            path=path,
            line=None,
            severity="medium",
            category=CATEGORY,
            message=(
                f"{path} steers how this repository is built, reviewed or configured; "
                "a change to it needs a maintainer's review"
            ),
            source="protected",
            anchor=path,
            rule=CATEGORY,
            cwe=CWE,
            confidence="high",
        )
        for path in sorted(set(changed_paths))
        if is_protected(path)
    ]
