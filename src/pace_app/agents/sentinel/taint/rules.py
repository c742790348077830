"""Checks that need no data flow: weak hashes and randomness, cookie flags, XXE-prone
parsers, weak JWT settings and hard-coded secrets."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pace_app.agents.sentinel.taint.catalogue import CATEGORIES
from pace_app.agents.sentinel.taint.imports import dotted, raw_dotted
from pace_app.agents.sentinel.taint.project import Parsed
from pace_app.domain.findings import Confidence, Finding, Severity

WEAK_HASHES = frozenset({"md5", "sha1", "md4", "md2", "sha", "ripemd160"})
_HASH_CALLS = frozenset({f"hashlib.{name}" for name in WEAK_HASHES})
_CRYPTO_HASHES = frozenset(
    {
        "Crypto.Hash.MD5.new", "Crypto.Hash.SHA1.new", "Crypto.Hash.MD4.new",
        "Cryptodome.Hash.MD5.new", "Cryptodome.Hash.SHA1.new",
        "cryptography.hazmat.primitives.hashes.MD5", "cryptography.hazmat.primitives.hashes.SHA1",
    }
)  # fmt: skip
RANDOM_FUNCTIONS = frozenset(
    {
        "random", "randint", "randrange", "choice", "choices", "sample", "shuffle", "uniform",
        "getrandbits", "normalvariate", "gauss", "triangular", "betavariate", "expovariate",
        "gammavariate", "lognormvariate", "vonmisesvariate", "paretovariate",
        "weibullvariate", "randbytes", "binomialvariate",
    }
)  # fmt: skip
_NUMPY_RANDOM = frozenset(
    {"rand", "randint", "random", "choice", "bytes", "randn", "random_sample"}
)
_SECRET_WORDS = re.compile(
    r"(token|secret|passw|pwd|key|nonce|otp|salt|session|csrf|reset|auth|code|pin|sid|cookie|"
    r"api|verif|invite|ticket|signature)",
    re.IGNORECASE,
)
_SECRET_NAME = re.compile(
    r"(^|_)(password|passwd|secret|secret_key|api_key|apikey|access_key|private_key|token|"
    r"auth_token|client_secret)$",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"^(|x+|\*+|changeme|change-me|todo|dummy|example|test|none|null)$", re.I)
_COOKIE_SETTINGS = {
    "SESSION_COOKIE_SECURE": "secure",
    "SESSION_COOKIE_HTTPONLY": "httponly",
    "CSRF_COOKIE_SECURE": "secure",
    "CSRF_COOKIE_HTTPONLY": "httponly",
    "REMEMBER_COOKIE_SECURE": "secure",
    "REMEMBER_COOKIE_HTTPONLY": "httponly",
}
_WHY = {"secure": "only travels over HTTPS", "httponly": "stays out of reach of scripts"}
_SAX_EXTERNAL = frozenset({"feature_external_ges", "feature_external_pes"})


@dataclass(frozen=True, slots=True)
class Rule:
    """What one rule reports."""

    rule: str
    cwe: str
    severity: Severity
    message: str


def _finding(parsed: Parsed, node: ast.AST, rule: Rule, confidence: Confidence) -> Finding:
    line = getattr(node, "lineno", 1)
    anchor = parsed.lines[line - 1] if 0 < line <= len(parsed.lines) else ""
    return Finding(
        path=parsed.path,
        line=line,
        severity=rule.severity,
        category=CATEGORIES[rule.cwe],
        message=rule.message,
        source="rules",
        anchor=anchor,
        rule=rule.rule,
        cwe=rule.cwe,
        confidence=confidence,
        end_line=getattr(node, "end_lineno", None),
    )


def _constant(node: ast.expr | None) -> object:
    return node.value if isinstance(node, ast.Constant) else None


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def check(parsed: Parsed) -> Iterator[Finding]:
    """Yield every rule finding in one parsed module."""
    names = parsed.info.names
    for statement in ast.walk(parsed.tree):
        if isinstance(statement, ast.Assign | ast.AnnAssign):
            yield from _assignment(parsed, statement)
    for node in ast.walk(parsed.tree):
        if isinstance(node, ast.Call):
            yield from _call(parsed, node, dotted(node.func, names) or "")


def _call(parsed: Parsed, node: ast.Call, name: str) -> Iterator[Finding]:
    last = name.rsplit(".", 1)[-1]
    if (
        name in _HASH_CALLS
        or name in _CRYPTO_HASHES
        or (
            name == "hashlib.new"
            and str(_constant(node.args[0] if node.args else None)).lower() in WEAK_HASHES
        )
    ):
        if _constant(_keyword(node, "usedforsecurity")) is not False:
            rule = Rule(
                "weak-hash",
                "CWE-328",
                "medium",
                f"{name} is a broken hash; use SHA-256 or better (or pass "
                "usedforsecurity=False where it is not for security)",
            )
            yield _finding(parsed, node, rule, "high")
    elif name.startswith("random.") and last in RANDOM_FUNCTIONS and name.count(".") == 1:
        rule = Rule(
            "weak-random",
            "CWE-330",
            "medium",
            f"{name}() is predictable; use the secrets module for what must not be guessed",
        )
        yield _finding(parsed, node, rule, "high" if _security_context(parsed, node) else "medium")
    elif name.startswith(("numpy.random.", "np.random.")) and last in _NUMPY_RANDOM:
        rule = Rule(
            "weak-random",
            "CWE-330",
            "low",
            f"{name}() is predictable; use the secrets module for what must not be guessed",
        )
        yield _finding(parsed, node, rule, "medium" if _security_context(parsed, node) else "low")
    elif last == "set_cookie" or last == "set_signed_cookie":
        yield from _cookie(parsed, node)
    elif name in {"lxml.etree.XMLParser", "lxml.etree.XMLPullParser"}:
        risky = [
            k.arg
            for k in node.keywords
            if (k.arg == "resolve_entities" and _constant(k.value) is True)
            or (k.arg == "no_network" and _constant(k.value) is False)
        ]
        if risky:
            settings = ", ".join(f"{r}={not str(r).startswith('no_')}" for r in risky)
            rule = Rule(
                "xxe-parser",
                "CWE-611",
                "high",
                f"this XML parser is built with {settings}: external entities are resolved "
                "(XXE); use defusedxml or resolve_entities=False",
            )
            yield _finding(parsed, node, rule, "medium")
    elif last == "setFeature" and len(node.args) >= 2 and _constant(node.args[1]) is True:
        feature = node.args[0]
        written = raw_dotted(feature)
        feature_name = written.rsplit(".", 1)[-1] if written else str(_constant(feature) or "")
        if feature_name in _SAX_EXTERNAL or "external-general-entities" in feature_name:
            rule = Rule(
                "xxe-parser",
                "CWE-611",
                "high",
                "the SAX parser is told to resolve external entities (XXE); leave "
                "feature_external_ges off or use defusedxml",
            )
            yield _finding(parsed, node, rule, "medium")
    elif name in {"jwt.decode", "jose.jwt.decode", "jwt.api_jwt.decode"}:
        yield from _jwt(parsed, node)
    elif name in {"jwt.encode", "jose.jwt.encode"}:
        algorithm = _constant(_keyword(node, "algorithm"))
        if isinstance(algorithm, str) and algorithm.lower() == "none":
            yield _finding(
                parsed,
                node,
                Rule("jwt-none", "CWE-347", "high", "the token is signed with algorithm 'none'"),
                "high",
            )


def _security_context(parsed: Parsed, node: ast.Call) -> bool:
    """Say whether a random value is used where guessing it matters (a token, a key)."""
    line = node.lineno
    text = parsed.lines[line - 1] if 0 < line <= len(parsed.lines) else ""
    if _SECRET_WORDS.search(text):
        return True
    for function in ast.walk(parsed.tree):
        inside = isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef) and (
            function.lineno <= line <= (function.end_lineno or line)
        )
        if inside and _SECRET_WORDS.search(getattr(function, "name", "")):
            return True
    return False


def _cookie(parsed: Parsed, node: ast.Call) -> Iterator[Finding]:
    for flag in ("secure", "httponly"):
        value = _keyword(node, flag)
        if value is not None and _constant(value) is False:
            rule = Rule(
                f"cookie-{flag}",
                "CWE-614",
                "medium",
                f"the cookie is set with {flag}=False; set {flag}=True so it {_WHY[flag]}",
            )
            yield _finding(parsed, node, rule, "high")
    samesite = _constant(_keyword(node, "samesite"))
    if (
        isinstance(samesite, str)
        and samesite.lower() == "none"
        and _constant(_keyword(node, "secure")) is not True
    ):
        rule = Rule(
            "cookie-samesite",
            "CWE-614",
            "medium",
            "SameSite=None without secure=True: the cookie is sent cross-site in clear",
        )
        yield _finding(parsed, node, rule, "high")


def _jwt(parsed: Parsed, node: ast.Call) -> Iterator[Finding]:
    verify = _keyword(node, "verify")
    options = _keyword(node, "options")
    off = _constant(verify) is False
    if isinstance(options, ast.Dict):
        for key, value in zip(options.keys, options.values, strict=True):
            if _constant(key) in {"verify_signature", "verify_exp"} and _constant(value) is False:
                off = True
    if off:
        yield _finding(
            parsed,
            node,
            Rule(
                "jwt-unverified",
                "CWE-347",
                "high",
                "the token is decoded without verifying its signature or expiry",
            ),
            "high",
        )
    algorithms = _keyword(node, "algorithms")
    if isinstance(algorithms, ast.List | ast.Tuple) and any(
        str(_constant(e)).lower() == "none" for e in algorithms.elts
    ):
        yield _finding(
            parsed,
            node,
            Rule(
                "jwt-none",
                "CWE-347",
                "high",
                "the 'none' algorithm is accepted: anyone can forge a token",
            ),
            "high",
        )


def _assignment(parsed: Parsed, node: ast.Assign | ast.AnnAssign) -> Iterator[Finding]:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    value = _constant(node.value)
    for target in targets:
        name = raw_dotted(target) if not isinstance(target, ast.Subscript) else None
        if isinstance(target, ast.Subscript):
            key = _constant(target.slice)
            name = key if isinstance(key, str) else None
        if name is None:
            continue
        setting = name.rsplit(".", 1)[-1]
        if setting in _COOKIE_SETTINGS and value is False:
            flag = _COOKIE_SETTINGS[setting]
            rule = Rule(
                f"cookie-{flag}",
                "CWE-614",
                "medium",
                f"{setting} = False: session cookies lose the {flag} flag",
            )
            yield _finding(parsed, node, rule, "high")
        elif (
            _SECRET_NAME.search(setting)
            and isinstance(value, str)
            and len(value) >= 8
            and not _PLACEHOLDER.match(value)
            and " " not in value
        ):
            rule = Rule(
                "hardcoded-secret",
                "CWE-798",
                "high",
                f"{setting} is a hard-coded secret; load it from the environment or a secret store",
            )
            yield _finding(parsed, node, rule, "medium")
