"""Signed cookie values: what is signed comes back, anything altered or expired does not."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import pytest

from pace_app.web.session import Session, derive_key, sign, unsign

KEY = hashlib.sha256(b"a key for the tests").digest()
NOW = 1_800_000_000


def test_a_signed_value_comes_back_with_its_expiry() -> None:
    value = sign({"state": "abc"}, KEY, expires=NOW + 60)
    assert unsign(value, KEY, now=NOW) == {"state": "abc", "exp": NOW + 60}


def test_an_expired_value_is_refused() -> None:
    value = sign({"state": "abc"}, KEY, expires=NOW)
    assert unsign(value, KEY, now=NOW) is None
    assert unsign(value, KEY, now=NOW - 1) is not None


def test_another_key_does_not_verify() -> None:
    other = derive_key("another-session-secret-value", None)
    assert other is not None
    assert other != KEY
    assert unsign(sign({"a": 1}, KEY, expires=NOW + 60), other, now=NOW) is None


def _forge(value: str, change: dict[str, object]) -> str:
    body, _, mac = value.partition(".")
    data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    data.update(change)
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode() + "." + mac


def test_an_altered_body_is_refused() -> None:
    value = Session("alice", frozenset({"acme/a"}), NOW + 60).encode(KEY)
    forged = _forge(value, {"repos": ["acme/a", "acme/secret"]})
    assert Session.decode(forged, KEY, now=NOW) is None
    assert Session.decode(value, KEY, now=NOW) is not None


@pytest.mark.parametrize(
    "value", ["", "no-dot", ".", "abc.", ".abc", "!!.!!", "é.é", "YQ.YQ", "a.b.c"]
)
def test_garbage_is_refused(value: str) -> None:
    assert unsign(value, KEY, now=NOW) is None
    assert Session.decode(value, KEY, now=NOW) is None


@pytest.mark.parametrize(
    "data",
    [{"login": 3, "repos": []}, {"login": "a", "repos": "acme/a"}, {"login": "a", "repos": [1]}],
)
def test_a_signed_value_of_the_wrong_shape_is_no_session(data: dict[str, object]) -> None:
    assert Session.decode(sign(data, KEY, expires=NOW + 60), KEY, now=NOW) is None


def test_a_signed_non_object_is_refused() -> None:
    raw = b"[1,2]"
    mac = hmac.new(KEY, raw, hashlib.sha256).digest()
    value = (
        base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
        + "."
        + base64.urlsafe_b64encode(mac).rstrip(b"=").decode()
    )
    assert unsign(value, KEY, now=NOW) is None


def test_a_session_round_trips() -> None:
    session = Session("alice", frozenset({"acme/a", "other/c"}), NOW + 60)
    assert Session.decode(session.encode(KEY), KEY, now=NOW) == session


def test_the_key_comes_from_the_session_secret_first_then_the_client_secret() -> None:
    assert derive_key(None, None) is None
    assert derive_key("", "") is None
    from_client = derive_key(None, "client-secret")
    assert from_client is not None
    assert len(from_client) == 32
    assert derive_key("session-secret", "client-secret") == derive_key("session-secret", None)
    assert derive_key("session-secret", "client-secret") != from_client
    # The key is derived, never the secret itself.
    assert b"client-secret" not in from_client
