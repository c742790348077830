"""Read what steers a run from the base branch's commit, never from the run's branch.

FORGE writes the run branch, so ``pace.config.yaml``, the repository instructions and
the files commands are inferred from are read from the base commit's tree in git's
object store: a symlink is refused, a file over its size cap is refused, and nothing in
the checkout is consulted. Commands are inferred here, once, so FORGE and GATE run the
same ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pace_app.config.repo import CONFIG_PATHS, LoadedConfig, resolve_repo_config
from pace_app.domain.text import truncate
from pace_app.errors import RepoConfigError
from pace_app.sandbox.infer import (
    MARKER_DIRS,
    MARKER_FILES,
    MAX_MARKER_BYTES,
    infer_build_command,
    infer_setup_command,
    infer_test_command,
)
from pace_app.workspace.worktree import CommittedFile, Worktree

MAX_CONFIG_BYTES = 64 * 1024
MAX_INSTRUCTION_CHARS = 32_000
MAX_INSTRUCTION_BYTES = 1024 * 1024
MAX_LISTED_FILES = 10_000
INSTRUCTION_PATHS = ("AGENTS.md", "CLAUDE.md", ".github/copilot-instructions.md")


@dataclass(frozen=True)
class TrustedInputs:
    """The configuration and repository instructions a run uses, from its base commit."""

    base_sha: str
    loaded: LoadedConfig
    config_text: str | None
    instructions: tuple[tuple[str, str], ...]


async def read_trusted_inputs(worktree: Worktree, base_sha: str) -> TrustedInputs:
    """Read config, inferred commands and instructions from ``base_sha``'s tree."""
    files = await worktree.committed_files(base_sha)
    names = sorted(files)[:MAX_LISTED_FILES]
    config_path, config_text = None, None
    entry = config_entry(files)
    if entry is not None:
        config_path = entry.path
        config_text = await worktree.read_blob(entry.object_id)
    texts = {config_path: config_text} if config_path and config_text is not None else {}
    loaded = resolve_repo_config(names, texts.__getitem__)
    markers = await _markers(worktree, files)
    tech = loaded.config.tech
    tech = tech.model_copy(
        update={
            "setup_command": tech.setup_command or infer_setup_command(markers),
            "build_command": tech.build_command or infer_build_command(markers),
            "test_command": tech.test_command or infer_test_command(markers),
        }
    )
    config = loaded.config.model_copy(update={"tech": tech})
    instructions = await _instructions(worktree, files)
    return TrustedInputs(
        base_sha=base_sha,
        loaded=LoadedConfig(config=config, warnings=loaded.warnings, source=loaded.source),
        config_text=config_text,
        instructions=instructions,
    )


def config_entry(files: Mapping[str, CommittedFile]) -> CommittedFile | None:
    """Return the config file among a commit's files, refusing a symlink or a big file."""
    path = next((path for path in CONFIG_PATHS if path in files), None)
    if path is None:
        return None
    entry = files[path]
    _check_regular(entry, path)
    if entry.size > MAX_CONFIG_BYTES:
        raise RepoConfigError(path, f"is {entry.size:,} bytes; the limit is {MAX_CONFIG_BYTES:,}")
    return entry


def _check_regular(entry: CommittedFile, path: str) -> None:
    if not entry.regular:
        raise RepoConfigError(
            path, "is a symlink or submodule on the base branch; it must be a file"
        )


async def _markers(worktree: Worktree, files: dict[str, CommittedFile]) -> dict[str, str]:
    """Return the marker files command inference reads, as the base commit has them."""
    markers: dict[str, str] = {}
    for name in MARKER_FILES:
        entry = files.get(name)
        if entry is not None and entry.regular and entry.size <= MAX_MARKER_BYTES:
            markers[name] = await worktree.read_blob(entry.object_id)
    for name in MARKER_DIRS:
        if any(path.startswith(name + "/") for path in files):
            markers[name + "/"] = ""
    return markers


async def _instructions(
    worktree: Worktree, files: dict[str, CommittedFile]
) -> tuple[tuple[str, str], ...]:
    """Return the repository's instruction files that are plain files within the cap."""
    found: list[tuple[str, str]] = []
    for path in INSTRUCTION_PATHS:
        entry = files.get(path)
        if entry is not None and entry.regular and entry.size <= MAX_INSTRUCTION_BYTES:
            text = await worktree.read_blob(entry.object_id)
            found.append((path, truncate(text, MAX_INSTRUCTION_CHARS)))
    return tuple(found)
