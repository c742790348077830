"""``pace doctor``: check settings, private key, database, GitHub and the sandbox."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import anyio
import httpx2
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from pace_app.config.settings import Settings
from pace_app.errors import PaceError
from pace_app.github.client import GitHubApp
from pace_app.queue.connect import open_store
from pace_app.sandbox import operator_sandbox
from pace_app.workspace.signing import commit_signing

PASS, FAIL, WARN = "✓", "✗", "!"


@dataclass(frozen=True)
class Check:
    """One line of the report."""

    mark: str
    name: str
    detail: str

    def line(self) -> str:
        """Render the check as the line the user reads."""
        return f"{self.mark} {self.name}: {self.detail}"


async def check_app_id(settings: Settings) -> Check:
    """Check that the App id is set."""
    settings.require_app_id()
    return Check(PASS, "app id", str(settings.github_app_id))


async def check_private_key(settings: Settings) -> Check:
    """Check that the private key is an RSA key GitHub can verify JWTs with."""
    pem = settings.private_key_pem()
    try:
        key = load_pem_private_key(pem.encode(), password=None)
    except (ValueError, TypeError):
        return Check(FAIL, "private key", "cannot be parsed as an unencrypted PEM key")
    if not isinstance(key, rsa.RSAPrivateKey):
        return Check(FAIL, "private key", "is not an RSA key (GitHub Apps use RSA)")
    return Check(PASS, "private key", f"RSA {key.key_size}-bit")


async def check_webhook_secret(settings: Settings) -> Check:
    """Check that the webhook secret is set."""
    settings.require_webhook_secret()
    return Check(PASS, "webhook secret", "set")


@runtime_checkable
class ReportsPool(Protocol):
    """A store with a connection pool to report on (PostgreSQL)."""

    def pool_stats(self) -> Mapping[str, int | bool | str]:
        """Return the pool's figures."""


def pool_summary(stats: Mapping[str, int | bool | str]) -> str:
    """Render a store's pool figures as the tail of the database line."""
    listening = "listening for new jobs" if stats.get("listening") else "not listening"
    return (
        f"schema {stats.get('schema')}, pool {stats.get('size', 0)}/{stats.get('max_size', 0)}"
        f" connection(s), {listening}"
    )


async def check_database(settings: Settings) -> Check:
    """Check that the database opens, migrates and answers."""
    url = settings.effective_database_url
    kind = "SQLite" if url.startswith("sqlite") else "PostgreSQL"
    async with open_store(settings) as store:
        await store.ping()
        version = await store.schema_version()
        counts = await store.counts()
        pool = pool_summary(store.pool_stats()) if isinstance(store, ReportsPool) else None
    queued = sum(counts.values())
    detail = f"{kind}, schema version {version}, {queued} job(s) stored"
    return Check(PASS, "database", detail if pool is None else f"{detail}, {pool}")


async def check_github(settings: Settings) -> Check:
    """Check that GitHub answers ``GET /app`` for this App's JWT."""
    async with httpx2.AsyncClient(timeout=10) as http:
        app = GitHubApp.from_settings(settings, http)
        data = await app.app_client().getitem("/app")
    if data.get("id") != settings.github_app_id:
        return Check(FAIL, "GitHub", f"answered for app id {data.get('id')}, not ours")
    return Check(PASS, "GitHub", f"{settings.github_api_url} knows app {data.get('slug')!r}")


async def check_model(settings: Settings) -> Check:
    """Check that a model API key is configured for at least one provider."""
    found = []
    if settings.anthropic_api_key is not None:
        found.append(settings.anthropic_base_url or "the Anthropic API")
    if settings.openai_api_key is not None:
        found.append(settings.openai_base_url or "the OpenAI API")
    if not found:
        return Check(
            FAIL,
            "model",
            "neither ANTHROPIC_API_KEY nor OPENAI_API_KEY is set: story runs cannot start",
        )
    return Check(PASS, "model", "API key set for " + " and ".join(found))


async def check_sandbox(settings: Settings) -> Check:
    """Check that the operator's sandbox policy can hold on this machine."""
    sandbox = operator_sandbox(settings)
    mode = settings.sandbox_mode
    if mode == "off":
        return Check(WARN, "sandbox", "SANDBOX_MODE=off: repository code runs unsandboxed")
    problem = await sandbox.problem()
    if problem is not None:
        mark = FAIL if mode == "required" else WARN
        consequence = "story runs will fail" if mode == "required" else "runs unsandboxed"
        return Check(mark, "sandbox", f"SANDBOX_MODE={mode}, {problem}: {consequence}")
    network = _setup_network(settings)
    return Check(PASS, "sandbox", f"bubblewrap usable (SANDBOX_MODE={mode}); {network}")


def _setup_network(settings: Settings) -> str:
    if not settings.sandbox_setup_network:
        return "setup runs without network"
    missing = [name for name in ("slirp4netns", "nsenter", "ip") if shutil.which(name) is None]
    if missing:
        return f"setup network unavailable ({', '.join(missing)} not installed)"
    return "setup network through slirp4netns"


async def check_signing(settings: Settings) -> Check:
    """Check that the App's commits can be signed the way ``COMMIT_SIGNING`` asks."""
    signing = commit_signing(settings)
    if signing.mode == "api":
        return Check(
            PASS, "signing", "commits are created and signed by GitHub (COMMIT_SIGNING=api)"
        )
    if signing.mode == "off":
        return Check(
            WARN,
            "signing",
            "commits are unsigned (COMMIT_SIGNING=off): branches that require signed "
            "commits refuse them",
        )
    if shutil.which("ssh-keygen") is None:
        return Check(FAIL, "signing", "COMMIT_SIGNING=key needs ssh-keygen, which is not installed")
    assert signing.key_path is not None
    # Deriving the public key proves the file is a readable, unencrypted private key.
    derived = await anyio.run_process(
        ["ssh-keygen", "-y", "-f", str(signing.key_path)], check=False, stdin=subprocess.DEVNULL
    )
    if derived.returncode != 0:
        return Check(
            FAIL,
            "signing",
            "the signing key cannot be read by ssh-keygen (it must be an unencrypted "
            "OpenSSH private key)",
        )
    kind = derived.stdout.decode("ascii", errors="replace").split(" ", 1)[0]
    return Check(PASS, "signing", f"commits signed with the operator's {kind} key")


CHECKS: tuple[tuple[str, Callable[[Settings], Awaitable[Check]]], ...] = (
    ("app id", check_app_id),
    ("private key", check_private_key),
    ("webhook secret", check_webhook_secret),
    ("database", check_database),
    ("GitHub", check_github),
    ("model", check_model),
    ("sandbox", check_sandbox),
    ("signing", check_signing),
)


async def run_doctor(settings: Settings) -> int:
    """Print one line per check; return 1 if any check failed."""
    failed = False
    for name, check in CHECKS:
        try:
            result = await check(settings)
        except PaceError as exc:
            result = Check(FAIL, name, str(exc))
        failed |= result.mark == FAIL
        print(result.line(), file=sys.stdout, flush=True)
    return 1 if failed else 0
