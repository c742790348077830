"""The checks that need no data flow."""

from __future__ import annotations

import textwrap

import pytest

from pace_app.agents.sentinel.protected import protected_findings
from pace_app.agents.sentinel.taint import rules
from pace_app.agents.sentinel.taint.project import parse


def found(code: str) -> list[tuple[str, str, str]]:
    """Return (rule, CWE, confidence) of each rule finding in ``code``."""
    [parsed], failed = parse({"m.py": textwrap.dedent(code)})
    assert failed == {}
    return [(f.rule, f.cwe or "", f.confidence) for f in rules.check(parsed)]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("import hashlib\nhashlib.md5(b'x')", [("weak-hash", "CWE-328", "high")]),
        ("import hashlib\nhashlib.new('SHA1')", [("weak-hash", "CWE-328", "high")]),
        ("from hashlib import sha1\nsha1(b'x')", [("weak-hash", "CWE-328", "high")]),
        ("import hashlib\nhashlib.md5(b'x', usedforsecurity=False)", []),
        ("import hashlib\nhashlib.sha256(b'x')", []),
        ("import random\ntoken = random.getrandbits(64)", [("weak-random", "CWE-330", "high")]),
        ("import random\nx = random.normalvariate(0, 1)", [("weak-random", "CWE-330", "medium")]),
        ("import random\nrandom.SystemRandom().choice('ab')", []),
        ("import secrets\nsecrets.token_hex()", []),
        ("import numpy as np\nnp.random.rand()", [("weak-random", "CWE-330", "low")]),
        ("r.set_cookie('s', v, secure=False)", [("cookie-secure", "CWE-614", "high")]),
        ("r.set_cookie('s', v, httponly=False)", [("cookie-httponly", "CWE-614", "high")]),
        ("r.set_cookie('s', v, samesite='None')", [("cookie-samesite", "CWE-614", "high")]),
        ("r.set_cookie('s', v, secure=True, httponly=True)", []),
        ("SESSION_COOKIE_SECURE = False", [("cookie-secure", "CWE-614", "high")]),
        ("app.config['SESSION_COOKIE_HTTPONLY'] = False", [("cookie-httponly", "CWE-614", "high")]),
        (
            "from lxml import etree\netree.XMLParser(resolve_entities=True)",
            [("xxe-parser", "CWE-611", "medium")],
        ),
        ("from lxml import etree\netree.XMLParser(resolve_entities=False)", []),
        (
            "import xml.sax\nfrom xml.sax.handler import feature_external_ges\n"
            "p = xml.sax.make_parser()\np.setFeature(feature_external_ges, True)",
            [("xxe-parser", "CWE-611", "medium")],
        ),
        (
            "import jwt\njwt.decode(t, options={'verify_signature': False})",
            [("jwt-unverified", "CWE-347", "high")],
        ),
        ("import jwt\njwt.decode(t, k, algorithms=['none'])", [("jwt-none", "CWE-347", "high")]),
        ("import jwt\njwt.encode(p, None, algorithm='none')", [("jwt-none", "CWE-347", "high")]),
        ("import jwt\njwt.decode(t, k, algorithms=['HS256'])", []),
        ("API_KEY = 'f3a9c2e17b'", [("hardcoded-secret", "CWE-798", "medium")]),
        ("PASSWORD = 'changeme'", []),
        ("settings = {}\nTOKEN = 'x'", []),
    ],
)
def test_rules(code: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(code) == expected


def test_protected_paths_become_findings_for_a_maintainer() -> None:
    protected = {"pace.config.yaml", ".gitattributes"}
    found = protected_findings(
        [".github/workflows/ci.yml", "app.py", "pace.config.yaml", "pace.config.yaml"],
        lambda p: p in protected or p.startswith(".github/workflows/"),
    )
    assert [(f.path, f.severity, f.line, f.source) for f in found] == [
        (".github/workflows/ci.yml", "medium", None, "protected"),
        ("pace.config.yaml", "medium", None, "protected"),
    ]
    assert all(f.blocking for f in found)
