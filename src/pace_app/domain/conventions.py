"""The names users drive PACE with: the trigger label, the command word, the branch prefix.

The operator sets defaults (``PACE_TRIGGER_LABEL``, ``PACE_COMMAND``,
``PACE_BRANCH_PREFIX``); a repository may override each in the ``github`` section of its
``pace.config.yaml``. Each rule lives here once: the settings and the config file both
validate with the ``*_problem`` functions, which return what is wrong or None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pace_app.domain.labels import STATUS_LABELS, STORY
from pace_app.domain.refs import branch_problem

DEFAULT_COMMAND = "pace"
DEFAULT_BRANCH_PREFIX = "pace/"
MAX_LABEL_CHARS = 50  # GitHub refuses a longer label name
MAX_BRANCH_PREFIX_CHARS = 40
COMMAND_PATTERN = "[a-z][a-z0-9-]{0,19}"
# Branches a story branch must never be or sit under: git cannot hold `main` and
# `main/issue-1` together, and these names are where protection rules usually live.
RESERVED_BRANCHES = frozenset({"head", "main", "master", "trunk", "develop", "gh-pages"})

_COMMAND = re.compile(rf"\A{COMMAND_PATTERN}\Z")
_PREFIX_CHARS = re.compile(r"\A[A-Za-z0-9._/-]+\Z")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_SAMPLE_STORY_BRANCH = "issue-1-story"


def label_problem(name: str) -> str | None:
    """Say what makes ``name`` unusable as the trigger label, or None."""
    if not name.strip():
        return "must not be empty"
    if name != name.strip():
        return "must not start or end with a space"
    if len(name) > MAX_LABEL_CHARS:
        return f"must be at most {MAX_LABEL_CHARS} characters (GitHub's limit)"
    if "," in name:
        return "must not contain a comma (GitHub's label filters split on commas)"
    if "`" in name:
        return "must not contain a backtick (replies quote the label in code spans)"
    if _CONTROL.search(name):
        return "must not contain control characters"
    if name.casefold() in STATUS_LABELS:
        return "must not be one of the App's status labels (pace:running, pace:hold, pace:advisory)"
    return None


def command_problem(word: str) -> str | None:
    """Say what makes ``word`` unusable as the command word (``/<word> retry``), or None."""
    if word.startswith("/"):
        return "must be the word after '/', without the '/'"
    if _COMMAND.match(word) is None:
        return (
            "must be a lowercase letter followed by at most 19 lowercase letters, digits or hyphens"
        )
    return None


def branch_prefix_problem(prefix: str, *, default_branch: str | None = None) -> str | None:
    """Say what makes ``prefix`` unusable before ``issue-<N>-<slug>``, or None.

    The story branch must be a valid git ref (``git check-ref-format``'s rules) and
    never the default branch, a well-known protected one, or a path under either.
    """
    if not prefix:
        return "must not be empty"
    if len(prefix) > MAX_BRANCH_PREFIX_CHARS:
        return f"must be at most {MAX_BRANCH_PREFIX_CHARS} characters"
    if _PREFIX_CHARS.match(prefix) is None:
        return "may hold only ASCII letters, digits, '.', '_', '-' and '/'"
    sample = prefix + _SAMPLE_STORY_BRANCH
    parts = sample.split("/")
    if branch_problem(sample) is not None:
        return "does not make a valid git branch name (no '..', '//', leading '/', '-' or '.')"
    reserved = set(RESERVED_BRANCHES)
    if default_branch:
        reserved.add(default_branch.casefold())
    if len(parts) > 1 and parts[0].casefold() in reserved:
        return f"must not put story branches under the branch {parts[0]!r}"
    return None


@dataclass(frozen=True)
class Conventions:
    """The trigger label, command word and branch prefix in force for one repository."""

    trigger_label: str = STORY
    command: str = DEFAULT_COMMAND
    branch_prefix: str = DEFAULT_BRANCH_PREFIX

    def is_trigger(self, name: str | None) -> bool:
        """Say whether a label name is the trigger (GitHub's labels are case-insensitive)."""
        return name is not None and name.casefold() == self.trigger_label.casefold()

    def branch_name(self, number: int, slug: str) -> str:
        """Return the story branch ``<prefix>issue-<N>-<slug>``."""
        if number < 1:
            raise ValueError("an issue number is positive")
        return f"{self.branch_prefix}issue-{number}-{slug}"


DEFAULT = Conventions()
