"""The token reaches git as a header for its origin only, and is redacted everywhere."""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from pace_app.errors import WorkspaceError
from pace_app.workspace import Git
from pace_app.workspace.credentials import (
    auth_config,
    basic_credentials,
    check_token,
    token_redactor,
)
from tests.workspace.conftest import TOKEN, RecordingSpawn

BASIC = base64.b64encode(f"x-access-token:{TOKEN}".encode()).decode()


class HeaderServer:
    """An HTTP server that records each request's Authorization header and refuses it."""

    def __init__(self, *, redirect_to: str | None = None) -> None:
        self.seen: list[str | None] = []
        seen = self.seen

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                seen.append(self.headers.get("Authorization"))
                if redirect_to is not None:
                    self.send_response(302)
                    self.send_header("Location", redirect_to + self.path)
                else:
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Basic realm="git"')
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """Return a clone URL on this server."""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/octo/widgets.git"

    def __enter__(self) -> HeaderServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()


@pytest.fixture
def server() -> Iterator[HeaderServer]:
    """A header-recording server."""
    with HeaderServer() as running:
        yield running


@pytest.mark.anyio
async def test_git_sends_the_token_as_basic_auth_and_nowhere_else(
    server: HeaderServer, spawn: RecordingSpawn
) -> None:
    with pytest.raises(WorkspaceError, match="ls-remote failed") as caught:
        await Git(spawn=spawn).run("ls-remote", server.url, token=TOKEN, url=server.url)
    assert server.seen
    assert set(server.seen) == {f"Basic {BASIC}"}
    assert TOKEN not in str(caught.value)
    assert BASIC not in str(caught.value)
    ((argv, env),) = spawn.calls
    assert not any(TOKEN in arg or BASIC in arg for arg in argv)
    assert f"Authorization: Basic {BASIC}" in env.values()


@pytest.mark.anyio
async def test_the_header_is_scoped_to_the_origin(server: HeaderServer) -> None:
    with HeaderServer() as other, pytest.raises(WorkspaceError):
        await Git().run("ls-remote", other.url, token=TOKEN, url=server.url)
    assert other.seen
    assert set(other.seen) == {None}


@pytest.mark.anyio
async def test_redirects_are_not_followed(server: HeaderServer) -> None:
    target = server.url.rsplit("/octo", 1)[0]
    with HeaderServer(redirect_to=target) as redirecting, pytest.raises(WorkspaceError):
        await Git().run("ls-remote", redirecting.url, token=TOKEN, url=redirecting.url)
    assert redirecting.seen
    assert server.seen == []


@pytest.mark.anyio
async def test_a_token_without_its_url_is_refused() -> None:
    with pytest.raises(WorkspaceError, match="URL"):
        await Git().run("version", token=TOKEN)


@pytest.mark.parametrize("token", ["", "has space", "new\nline", "x" * 1025, "é"])
def test_check_token_refuses_what_cannot_be_a_token(token: str) -> None:
    with pytest.raises(WorkspaceError) as caught:
        check_token(token)
    if token.strip():
        assert token not in str(caught.value)


def test_auth_config_is_one_origin_scoped_header() -> None:
    assert basic_credentials(TOKEN) == BASIC
    assert auth_config(TOKEN, "https://ghe.example.com/") == [
        ("http.https://ghe.example.com/.extraHeader", f"Authorization: Basic {BASIC}")
    ]


def test_redactor_removes_the_token_its_encoding_headers_and_userinfo() -> None:
    redact = token_redactor(TOKEN).text
    text = (
        f"token {TOKEN}\nencoded {BASIC}\n"
        "> Authorization: Bearer other-secret\n"
        "fatal: unable to access 'https://user:pw@example.com/o/r.git/'"
    )
    cleaned = redact(text)
    assert TOKEN not in cleaned
    assert BASIC not in cleaned
    assert "other-secret" not in cleaned
    assert "user:pw" not in cleaned
    assert "example.com/o/r.git" in cleaned
    assert token_redactor(None).text("plain") == "plain"
