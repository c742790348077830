"""The git server's pre-receive hook: GitHub's "require signed commits" on a git push.

Run by ``git receive-pack`` with the pushed objects quarantined; the git server passes
the repository's rules in the environment: ``FAKE_SIGNED_BRANCHES`` (JSON list of branch
patterns), ``FAKE_SIGNED_COMMITS`` (JSON list of commits the fake GitHub signed) and
``FAKE_SIGNING_KEYS`` (JSON list of SSH public keys registered for signing). A push that
brings an unverified commit onto a matching branch is refused with GitHub's message.
"""

from __future__ import annotations

import fnmatch
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ZERO = "0" * 40


def git(*args: str) -> subprocess.CompletedProcess[str]:
    """Run git in the repository receiving the push."""
    return subprocess.run(["git", *args], capture_output=True, text=True, check=False)


def verified(sha: str, signed: set[str], signers: Path | None) -> bool:
    """Say whether GitHub would show ``sha`` as verified."""
    if sha in signed:
        return True
    if signers is None:
        return False
    result = git(
        "-c", "gpg.format=ssh", "-c", f"gpg.ssh.allowedSignersFile={signers}", "verify-commit", sha
    )
    return result.returncode == 0


def main() -> int:
    """Check every updated ref; refuse the whole push on the first unverified commit."""
    patterns = json.loads(os.environ.get("FAKE_SIGNED_BRANCHES", "[]"))
    signed = set(json.loads(os.environ.get("FAKE_SIGNED_COMMITS", "[]")))
    keys = json.loads(os.environ.get("FAKE_SIGNING_KEYS", "[]"))
    with tempfile.TemporaryDirectory() as scratch:
        signers = None
        if keys:
            signers = Path(scratch) / "allowed_signers"
            signers.write_text("".join(f'* namespaces="git" {key}\n' for key in keys))
        for line in sys.stdin:
            old, new, ref = line.split()
            branch = ref.removeprefix("refs/heads/")
            if new == ZERO or not ref.startswith("refs/heads/"):
                continue
            if not any(fnmatch.fnmatchcase(branch, p) for p in patterns):
                continue
            exclude = ["--not", "--all"] if old == ZERO else [f"^{old}"]
            commits = git("rev-list", new, *exclude).stdout.split()
            if any(not verified(sha, signed, signers) for sha in commits):
                print(f"error: GH006: Protected branch update failed for {ref}.", file=sys.stderr)
                print("error: Commits must have verified signatures.", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
