"""A real git smart-HTTP server: ``git http-backend`` behind Basic auth, on 127.0.0.1.

Clone, fetch and push work as against GitHub: the username is ``x-access-token`` and
the password is the installation token the test sets, so a test proves the app hands
its token to git. Helpers seed bare repositories and read them back for assertions.
The password is never logged or recorded.
"""

from __future__ import annotations

import base64
import hmac
import logging
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import unquote, urlsplit

logger = logging.getLogger(__name__)

# (token, owner/repo, whether the request pushes) -> the HTTP status to answer; 200 admits.
GitAccess = Callable[[str, str, bool], int]
# owner/repo -> the environment of the pre-receive hook (``tests.fakes.pre_receive``).
ReceiveRules = Callable[[str], dict[str, str]]
PRE_RECEIVE = Path(__file__).with_name("pre_receive.py")

USERNAME = "x-access-token"
# Keep the host's git configuration out of every command the server runs.
_GIT_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "Seed",
    "GIT_AUTHOR_EMAIL": "seed@example.com",
    "GIT_COMMITTER_NAME": "Seed",
    "GIT_COMMITTER_EMAIL": "seed@example.com",
}


@dataclass(frozen=True)
class Commit:
    """A commit as read back from a bare repository."""

    sha: str
    subject: str
    author: str


@dataclass(frozen=True)
class GitRequest:
    """One request the server answered, without credentials."""

    method: str
    path: str
    status: int


def git(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    """Run git with the host's configuration ignored and return its output."""
    result = subprocess.run(
        ["git", *args],
        cwd=cwd,
        env={"PATH": os.environ["PATH"], "HOME": os.devnull, **_GIT_ENV, **(env or {})},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


class GitServer:
    """Bare repositories under ``root``, served by ``git http-backend`` over HTTP."""

    def __init__(
        self,
        root: Path,
        *,
        password: str | Callable[[str], bool],
        access: GitAccess | None = None,
    ) -> None:
        self.root = root
        # A callable checks passwords itself, e.g. against the tokens a fake GitHub issued.
        self.password = password
        # Given, it decides each request from its token, repository and direction, e.g.
        # ``FakeGitHub.git_access``, which holds tokens to their repositories and permissions.
        self.access = access
        # Given, pushes pass a pre-receive hook that applies these rules, e.g. the fake
        # GitHub's "require signed commits" (``FakeGitHub.use_git_server``).
        self.receive_rules: ReceiveRules | None = None
        self._hooks = tempfile.TemporaryDirectory(prefix="fake-git-hooks-")
        hook = Path(self._hooks.name) / "pre-receive"
        hook.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{PRE_RECEIVE}"\n')
        hook.chmod(0o755)
        self.requests: list[GitRequest] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __repr__(self) -> str:
        return f"GitServer(root={str(self.root)!r}, base_url={self.base_url!r})"

    @property
    def base_url(self) -> str:
        """Return the server's base URL."""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def __enter__(self) -> GitServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()
        self._hooks.cleanup()

    def url_for(self, name: str) -> str:
        """Return the clone URL of ``owner/repo``."""
        return f"{self.base_url}/{name}.git"

    def bare_path(self, name: str) -> Path:
        """Return the bare repository directory of ``owner/repo``."""
        return self.root / f"{name}.git"

    def create_repo(self, name: str, files: dict[str, str], *, branch: str = "main") -> str:
        """Create a bare repository with one commit holding ``files``; return its clone URL."""
        bare = self.bare_path(name)
        bare.parent.mkdir(parents=True, exist_ok=True)
        git("init", "--quiet", "--bare", f"--initial-branch={branch}", str(bare))
        with tempfile.TemporaryDirectory() as work:
            tree = Path(work)
            git("init", "--quiet", f"--initial-branch={branch}", cwd=tree)
            for path, content in files.items():
                (tree / path).parent.mkdir(parents=True, exist_ok=True)
                (tree / path).write_text(content, encoding="utf-8")
            git("add", "--all", cwd=tree)
            git("commit", "--quiet", "--allow-empty", "-m", "Seed the repository", cwd=tree)
            git("push", "--quiet", str(bare), branch, cwd=tree)
        return self.url_for(name)

    def branches(self, name: str) -> dict[str, str]:
        """Return every branch of the repository with its head commit."""
        out = git(
            "for-each-ref",
            "--format=%(refname:short) %(objectname)",
            "refs/heads",
            cwd=self.bare_path(name),
        )
        return dict(line.split(" ", 1) for line in out.splitlines())

    def delete_branch(self, name: str, branch: str) -> None:
        """Delete a branch, as a person does on GitHub between two runs."""
        git("update-ref", "-d", f"refs/heads/{branch}", cwd=self.bare_path(name))

    def read_file(self, name: str, path: str, ref: str = "main") -> str | None:
        """Return a file's content at ``ref``, or None if it does not exist there."""
        try:
            return git("show", f"{ref}:{path}", cwd=self.bare_path(name))
        except subprocess.CalledProcessError:
            return None

    def commits(self, name: str, ref: str = "main") -> list[Commit]:
        """Return the commits reachable from ``ref``, newest first."""
        out = git("log", "--format=%H%x00%s%x00%an", ref, cwd=self.bare_path(name))
        return [Commit(*line.split("\0")) for line in out.splitlines()]

    def diff(self, name: str, base: str, head: str) -> str:
        """Return the pull-request diff from ``base`` to ``head`` (``base...head``)."""
        return git("diff", f"{base}...{head}", cwd=self.bare_path(name))

    def authorised(self, header: str | None) -> bool:
        """Say whether an Authorization header carries the right Basic credentials."""
        if not header or not header.lower().startswith("basic "):
            return False
        try:
            user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        except ValueError:
            return False
        if callable(self.password):
            return user == USERNAME and self.password(password)
        expected = f"{USERNAME}:{self.password}".encode()
        return hmac.compare_digest(f"{user}:{password}".encode(), expected)

    def status_for(self, header: str | None, target: str) -> int:
        """Return 200 when the request may go on, else the status that refuses it."""
        if self.access is None:
            return 200 if self.authorised(header) else 401
        if not header or not header.lower().startswith("basic "):
            return 401
        try:
            user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        except ValueError:
            return 401
        if user != USERNAME:
            return 401
        url = urlsplit(target)
        push = "git-receive-pack" in url.path or "service=git-receive-pack" in url.query
        repo = unquote(url.path).lstrip("/").split(".git/", 1)[0]
        return self.access(password, repo, push)

    def run_backend(self, method: str, target: str, headers: dict[str, str], body: bytes) -> bytes:
        """Run ``git http-backend`` for one request and return its CGI output."""
        url = urlsplit(target)
        rules: dict[str, str] = {}
        if self.receive_rules is not None:
            rules = self.receive_rules(unquote(url.path).lstrip("/").split(".git/", 1)[0])
        env = {
            "PATH": os.environ["PATH"],
            "HOME": os.devnull,
            **_GIT_ENV,
            **rules,
            "GIT_PROJECT_ROOT": str(self.root),
            "GIT_HTTP_EXPORT_ALL": "1",
            "GIT_CONFIG_COUNT": "2",
            "GIT_CONFIG_KEY_0": "http.receivepack",
            "GIT_CONFIG_VALUE_0": "true",
            "GIT_CONFIG_KEY_1": "core.hooksPath",
            "GIT_CONFIG_VALUE_1": self._hooks.name if rules else os.devnull,
            "GATEWAY_INTERFACE": "CGI/1.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REQUEST_METHOD": method,
            "PATH_INFO": unquote(url.path),
            "QUERY_STRING": url.query,
            "CONTENT_TYPE": headers.get("content-type", ""),
            "CONTENT_LENGTH": str(len(body)),
            "REMOTE_USER": USERNAME,
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_CONTENT_ENCODING": headers.get("content-encoding", ""),
            "GIT_PROTOCOL": headers.get("git-protocol", ""),
        }
        result = subprocess.run(
            ["git", "http-backend"], input=body, env=env, capture_output=True, check=False
        )
        return result.stdout


def _handler_for(server: GitServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self._serve()

        def do_POST(self) -> None:
            self._serve()

        def log_message(self, format: str, *args: object) -> None:
            # The default writes to stderr; keep it in logging and free of headers.
            logger.debug("git http request", extra={"path": self.path})

        def _serve(self) -> None:
            # Read the body even when refusing, so the kept-alive connection stays in step.
            body = self._body()
            status = server.status_for(self.headers.get("authorization"), self.path)
            if status == 401:
                self._answer(401, [("WWW-Authenticate", 'Basic realm="git"')], b"")
                return
            if status != 200:
                self._answer(status, [], b"")
                return
            headers = {k.lower(): v for k, v in self.headers.items()}
            output = server.run_backend(self.command, self.path, headers, body)
            head, crlf, payload = output.partition(b"\r\n\r\n")
            if not crlf:
                head, _, payload = output.partition(b"\n\n")
            status = 200
            answer: list[tuple[str, str]] = []
            for line in head.decode("latin-1").splitlines():
                key, _, value = line.partition(":")
                if key.lower() == "status":
                    status = int(value.split()[0])
                elif key:
                    answer.append((key, value.strip()))
            self._answer(status, answer, payload)

        def _body(self) -> bytes:
            if self.headers.get("transfer-encoding", "").lower() == "chunked":
                chunks = []
                while size := int(self.rfile.readline().split(b";")[0], 16):
                    chunks.append(self.rfile.read(size))
                    self.rfile.readline()
                self.rfile.readline()
                return b"".join(chunks)
            return self.rfile.read(int(self.headers.get("content-length", "0")))

        def _answer(self, status: int, headers: list[tuple[str, str]], payload: bytes) -> None:
            server.requests.append(GitRequest(self.command, self.path, status))
            self.send_response(status)
            for key, value in headers:
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    return Handler
