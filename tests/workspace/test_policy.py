"""Clone URLs, names and branches that reach git or the filesystem."""

from __future__ import annotations

from typing import Any

import pytest

from pace_app.errors import WorkspaceError
from pace_app.workspace import Repository, UrlPolicy
from pace_app.workspace.policy import check_branch, check_name, check_run_id, is_sha, origin_of


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/octo/widgets.git",
        "https://ghe.example.com:8443/octo/widgets.git",
        "http://127.0.0.1:8080/octo/widgets.git",
        "http://localhost/octo/widgets.git",
        "http://[::1]:9000/octo/widgets.git",
    ],
)
def test_allowed_urls(url: str) -> None:
    assert UrlPolicy().check(url) == url


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ext::sh -c touch% /tmp/pwned", "whitespace"),
        ("ext::sh", "transport"),
        ("fd::3", "transport"),
        ("https::evil", "transport"),
        ("file:///srv/repo.git", "'file'"),
        ("/srv/repo.git", "'none'"),
        ("ssh://git@github.com/octo/widgets.git", "'ssh'"),
        ("git@github.com:octo/widgets.git", "not allowed"),
        ("git://github.com/octo/widgets.git", "'git'"),
        ("https://x-access-token:ghs_x@github.com/o/r.git", "credentials"),
        ("https://user@github.com/o/r.git", "credentials"),
        ("http://github.com/octo/widgets.git", "https"),
        ("https:///octo/widgets.git", "no host"),
        ("https://github.com:99999/o/r.git", "malformed"),
        ("https://github.com/o/r.git?x=1", "query"),
        ("https://github.com/o/r.git#frag", "query"),
        ("", "empty"),
        ("-uhttps://github.com/o/r.git", "transport"),
        ("https://github.com/o/r\x00.git", "control"),
    ],
)
def test_refused_urls(url: str, reason: str) -> None:
    with pytest.raises(WorkspaceError, match=reason):
        UrlPolicy().check(url)


def test_file_urls_only_when_allowed() -> None:
    policy = UrlPolicy(allow_file=True)
    assert policy.check("file:///srv/repo.git") == "file:///srv/repo.git"
    with pytest.raises(WorkspaceError, match="absolute"):
        policy.check("file://host/srv/repo.git")


def test_http_hosts_are_configurable() -> None:
    policy = UrlPolicy(http_hosts=frozenset({"git.test"}))
    assert policy.check("http://git.test/o/r.git")
    with pytest.raises(WorkspaceError, match="https"):
        policy.check("http://127.0.0.1/o/r.git")


def test_origin_of_keeps_scheme_host_and_port() -> None:
    assert origin_of("HTTPS://GHE.example.com:8443/o/r.git") == "https://ghe.example.com:8443/"


@pytest.mark.parametrize("name", ["octo", "Octo-Cat", ".github", "a_b.c", "x" * 100])
def test_allowed_names(name: str) -> None:
    assert check_name(name, "owner") == name


@pytest.mark.parametrize(
    "name", ["", ".", "..", "../etc", "a/b", "a\\b", "x" * 101, "a b", "r.lock", "é"]
)
def test_refused_names(name: str) -> None:
    with pytest.raises(WorkspaceError, match="owner name"):
        check_name(name, "owner")


@pytest.mark.parametrize("run_id", ["r1", "42", "run-7.retry_2"])
def test_allowed_run_ids(run_id: str) -> None:
    assert check_run_id(run_id) == run_id


@pytest.mark.parametrize("run_id", ["", ".", "..", "../x", "a/b", "-r", "a..b", ".hidden"])
def test_refused_run_ids(run_id: str) -> None:
    with pytest.raises(WorkspaceError, match="run id"):
        check_run_id(run_id)


@pytest.mark.parametrize("branch", ["main", "pace/issue-12-add-widget", "release/1.2", "a@b"])
def test_allowed_branches(branch: str) -> None:
    assert check_branch(branch) == branch


@pytest.mark.parametrize(
    "branch",
    [
        "",
        "-f",
        "--upload-pack=x",
        "/abs",
        "trailing/",
        "dot.",
        "x.lock",
        "a/b.lock/c",
        "@",
        "a..b",
        "a@{1}",
        "a b",
        "a~1",
        "a^",
        "a:b",
        "a?",
        "a*",
        "a[b",
        "a\\b",
        "a//b",
        "a/.hidden",
        "x" * 256,
    ],
)
def test_refused_branches(branch: str) -> None:
    with pytest.raises(WorkspaceError, match="branch name"):
        check_branch(branch)


def test_is_sha() -> None:
    assert is_sha("a" * 40)
    assert is_sha("0" * 64)
    assert not is_sha("A" * 40)
    assert not is_sha("main")


def test_repository_from_payload() -> None:
    payload = {
        "name": "widgets",
        "owner": {"login": "octo"},
        "clone_url": "https://github.com/octo/widgets.git",
    }
    repository = Repository.from_payload(payload)
    assert repository == Repository("octo", "widgets", "https://github.com/octo/widgets.git")
    assert repository.full_name == "octo/widgets"


@pytest.mark.parametrize(
    "payload",
    [
        {"name": "widgets", "clone_url": "https://x/y.git"},
        {"name": "widgets", "owner": None, "clone_url": "https://x/y.git"},
        {"name": 3, "owner": {"login": "octo"}, "clone_url": "https://x/y.git"},
    ],
)
def test_repository_from_incomplete_payload(payload: dict[str, Any]) -> None:
    with pytest.raises(WorkspaceError, match="payload repository"):
        Repository.from_payload(payload)


def test_repository_refuses_traversal() -> None:
    with pytest.raises(WorkspaceError, match="repository name"):
        Repository("octo", "..", "https://github.com/octo/widgets.git")
    with pytest.raises(WorkspaceError, match="owner name"):
        Repository("../../etc", "widgets", "https://github.com/octo/widgets.git")
