"""Webhook signatures, checked against GitHub's published test vector."""

import pytest

from pace_app.errors import SignatureError
from pace_app.github import signature

# From GitHub's "Validating webhook deliveries" documentation.
SECRET = "It's a Secret to Everybody"
BODY = b"Hello, World!"
EXPECTED = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"


def test_sign_matches_githubs_test_vector() -> None:
    assert signature.sign(BODY, SECRET) == EXPECTED


def test_verify_accepts_the_test_vector() -> None:
    signature.verify(BODY, EXPECTED, SECRET)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (None, "missing"),
        ("", "missing"),
        ("sha1=" + "0" * 40, "must start with sha256="),
        (EXPECTED[:-1] + "0", "does not match"),
        ("sha256=ü", "does not match"),
    ],
)
def test_verify_rejects_bad_signatures(header: str | None, message: str) -> None:
    with pytest.raises(SignatureError, match=message):
        signature.verify(BODY, header, SECRET)


def test_verify_rejects_a_different_secret() -> None:
    with pytest.raises(SignatureError):
        signature.verify(BODY, EXPECTED, "another secret")
