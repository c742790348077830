"""What an ``if`` test proves about a value: allowlists, validators, containment checks."""

from __future__ import annotations

import ast
import re

from pace_app.agents.sentinel.taint.catalogue import VALIDATOR_NAME
from pace_app.agents.sentinel.taint.imports import dotted, raw_dotted
from pace_app.agents.sentinel.taint.values import ALL

# Marks a containment check: it cleans a path only if the path was normalised first.
CONTAINED = "CWE-22!"
URL_CHECKED = ("CWE-601", "CWE-918")
Refinement = dict[str, frozenset[str]]
_VALIDATING_METHODS = frozenset(
    {"isdigit", "isalnum", "isalpha", "isdecimal", "isnumeric", "isidentifier", "isascii"}
)
_REGEX_CALLS = frozenset({"re.fullmatch", "re.match", "regex.fullmatch", "regex.match"})
_URL_PARSERS = frozenset({"urllib.parse.urlparse", "urllib.parse.urlsplit", "urlparse.urlparse"})
_SITE = re.compile(r"^[a-z][a-z0-9+.-]*://[^/]+/")
_ANCHORED = re.compile(r"^\^.*\$$|^\\A.*\\Z$", re.DOTALL)


def _merge(*parts: Refinement) -> Refinement:
    out: dict[str, frozenset[str]] = {}
    for part in parts:
        for name, cwes in part.items():
            out[name] = out.get(name, frozenset()) | cwes
    return out


def _subject(node: ast.expr, names: dict[str, str]) -> tuple[str, frozenset[str]] | None:
    """Return the variable a compared expression stands for, and what comparing it proves."""
    raw = raw_dotted(node)
    if raw is not None:
        return raw, frozenset({ALL})
    # urlparse(url).netloc / .hostname / .scheme stand for the URL itself.
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Call):
        call = node.value
        if dotted(call.func, names) in _URL_PARSERS and call.args:
            inner = raw_dotted(call.args[0])
            if inner is not None:
                return inner, frozenset(URL_CHECKED)
    if isinstance(node, ast.Call) and dotted(node.func, names) in {"str.lower", "len"}:
        return None
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"lower", "strip", "upper", "casefold"}
    ):
        return _subject(node.func.value, names)
    return None


def refine(test: ast.expr, truth: bool, names: dict[str, str], tainted: set[str]) -> Refinement:
    """Return, for the branch where ``test`` is ``truth``, which names are safe for what.

    ``tainted`` lists the names that carry taint, so ``x in user_list`` is no allowlist.
    """
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        subject = _subject(test.operand, names)
        if subject is not None and subject[1] != frozenset({ALL}) and truth:
            return {subject[0]: subject[1]}
        return refine(test.operand, not truth, names, tainted)
    if isinstance(test, ast.BoolOp):
        if isinstance(test.op, ast.And) and truth:
            return _merge(*(refine(v, True, names, tainted) for v in test.values))
        if isinstance(test.op, ast.Or) and not truth:
            return _merge(*(refine(v, False, names, tainted) for v in test.values))
        return {}
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        return _compare(test, truth, names, tainted)
    if isinstance(test, ast.Call):
        return _call(test, names) if truth else {}
    if isinstance(test, ast.Attribute) and not truth:
        # ``if urlparse(url).netloc: abort()`` leaves a host-less URL on the other branch.
        subject = _subject(test, names)
        if subject is not None and subject[1] != frozenset({ALL}):
            return {subject[0]: subject[1]}
    return {}


def _compare(
    test: ast.Compare, truth: bool, names: dict[str, str], tainted: set[str]
) -> Refinement:
    op, right = test.ops[0], test.comparators[0]
    contained = commonpath_check(test, names)
    if contained is not None:
        holds = isinstance(op, ast.Eq) == truth
        return {contained: frozenset({CONTAINED})} if holds else {}
    subject = _subject(test.left, names)
    if subject is None:
        return {}
    name, proves = subject
    if isinstance(op, ast.In | ast.NotIn):
        holds = isinstance(op, ast.In) == truth
        trusted = raw_dotted(right)
        literal = isinstance(right, ast.Set | ast.List | ast.Tuple | ast.Dict)
        if holds and (literal or (trusted is not None and trusted not in tainted)):
            return {name: proves}
        return {}
    if isinstance(op, ast.Eq | ast.NotEq | ast.Is | ast.IsNot):
        holds = isinstance(op, ast.Eq | ast.Is) == truth
        constant = isinstance(right, ast.Constant) or (
            raw_dotted(right) is not None and raw_dotted(right) not in tainted
        )
        if holds and constant:
            return {name: proves}
    return {}


def _call(test: ast.Call, names: dict[str, str]) -> Refinement:
    func = test.func
    qualified = dotted(func, names) or ""
    last = qualified.rsplit(".", 1)[-1]
    args = [raw_dotted(a) for a in test.args]
    if isinstance(func, ast.Attribute) and func.attr in _VALIDATING_METHODS:
        target = raw_dotted(func.value)
        return {target: frozenset({ALL})} if target else {}
    if isinstance(func, ast.Attribute) and func.attr in {"startswith", "is_relative_to"}:
        target = raw_dotted(func.value)
        prefix = test.args[0] if test.args else None
        # Only a prefix naming scheme, host and path pins a URL to a site; "http" does not.
        pinned = isinstance(prefix, ast.Constant) and _SITE.match(str(prefix.value))
        proves = {CONTAINED, *(URL_CHECKED if pinned else ())}
        return {target: frozenset(proves)} if target else {}
    if qualified in _REGEX_CALLS and len(args) > 1 and args[1]:
        return {args[1]: frozenset({ALL})} if _anchored(test, qualified) else {}
    if isinstance(func, ast.Attribute) and func.attr in {"fullmatch", "match"} and args and args[0]:
        return {args[0]: frozenset({ALL})}
    if VALIDATOR_NAME.search(last):
        return {a: frozenset({ALL}) for a in args if a}
    return {}


def _anchored(test: ast.Call, qualified: str) -> bool:
    if qualified.endswith("fullmatch"):
        return True
    pattern = test.args[0]
    return (
        isinstance(pattern, ast.Constant)
        and isinstance(pattern.value, str)
        and bool(_ANCHORED.match(pattern.value) or pattern.value.endswith("$"))
    )


def commonpath_check(test: ast.expr, names: dict[str, str]) -> str | None:
    """Return the path ``os.path.commonpath([base, p]) == base`` proves contained, or None."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return None
    for side in (test.left, test.comparators[0]):
        if isinstance(side, ast.Call) and dotted(side.func, names) == "os.path.commonpath":
            listed = side.args[0] if side.args else None
            if isinstance(listed, ast.List | ast.Tuple):
                found = [raw_dotted(e) for e in listed.elts]
                return found[-1] if found and found[-1] else None
    return None
