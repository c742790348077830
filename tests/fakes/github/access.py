"""GitHub's authentication rules: which credential fits which operation, and token scopes.

- The App JWT works only where GitHub's description says "You must use a JWT": ``/app``,
  ``/app/...`` and the ``.../installation`` look-ups. Anywhere else it is refused with
  401, as an installation token is refused there.
- An installation token works on operations enabled for GitHub Apps, within the
  repositories and permissions it was minted for: another repository answers 404, a
  missing permission 403 ("Resource not accessible by integration").
- No credential works only where GitHub serves anonymous callers (``ANONYMOUS``).

The permissions table follows GitHub's "Permissions required for GitHub Apps" for the
operations the fake serves; each entry lists alternatives, any one of which suffices.
"""

from __future__ import annotations

from collections.abc import Mapping

from tests.fakes.github.contract import Refusal
from tests.fakes.github.openapi import Operation
from tests.fakes.github.protocol import Principal

LEVELS = {"read": 1, "write": 2, "admin": 3}
NOT_ACCESSIBLE = "Resource not accessible by integration"

ANONYMOUS = frozenset(
    {
        "apps/create-from-manifest",
        "users/get-by-username",
        "meta/root",
        "meta/get",
        "meta/get-zen",
        "rate-limit/get",
    }
)

Need = tuple[tuple[str, str], ...]
_ISSUES_READ: Need = (("issues", "read"), ("pull_requests", "read"))
_ISSUES_WRITE: Need = (("issues", "write"), ("pull_requests", "write"))
PERMISSIONS: Mapping[str, Need] = {
    "repos/get": (("metadata", "read"),),
    "repos/get-content": (("contents", "read"),),
    "repos/get-collaborator-permission-level": (("metadata", "read"),),
    "users/get-by-username": (),
    "issues/create": (("issues", "write"),),
    "issues/get": _ISSUES_READ,
    "issues/list-for-repo": (("issues", "read"),),
    "issues/update": _ISSUES_WRITE,
    "issues/list-comments": _ISSUES_READ,
    "issues/create-comment": _ISSUES_WRITE,
    "issues/get-comment": _ISSUES_READ,
    "issues/update-comment": _ISSUES_WRITE,
    "issues/delete-comment": _ISSUES_WRITE,
    "reactions/create-for-issue": _ISSUES_WRITE,
    "reactions/create-for-issue-comment": _ISSUES_WRITE,
    "reactions/list-for-issue-comment": _ISSUES_READ,
    "issues/add-labels": _ISSUES_WRITE,
    "issues/remove-label": _ISSUES_WRITE,
    "issues/create-label": _ISSUES_WRITE,
    "issues/get-label": _ISSUES_READ,
    "pulls/create": (("pull_requests", "write"),),
    "pulls/list": (("pull_requests", "read"),),
    "pulls/get": (("pull_requests", "read"),),
    "pulls/update": (("pull_requests", "write"),),
    "pulls/create-review": (("pull_requests", "write"),),
    "pulls/list-reviews": (("pull_requests", "read"),),
    "pulls/list-review-comments": (("pull_requests", "read"),),
    "pulls/create-review-comment": (("pull_requests", "write"),),
    "pulls/get-review-comment": (("pull_requests", "read"),),
    "pulls/update-review-comment": (("pull_requests", "write"),),
    "pulls/create-reply-for-review-comment": (("pull_requests", "write"),),
    "reactions/create-for-pull-request-review-comment": (("pull_requests", "write"),),
    "checks/create": (("checks", "write"),),
    "checks/update": (("checks", "write"),),
    "checks/get": (("checks", "read"),),
    "checks/list-for-ref": (("checks", "read"),),
    "git/create-blob": (("contents", "write"),),
    "git/create-tree": (("contents", "write"),),
    "git/create-commit": (("contents", "write"),),
    "git/get-commit": (("contents", "read"),),
    "git/create-ref": (("contents", "write"),),
    "git/update-ref": (("contents", "write"),),
    "git/get-ref": (("contents", "read"),),
}


def grants(held: Mapping[str, str], permission: str, level: str) -> bool:
    """Say whether the held permissions include ``permission`` at ``level`` or above."""
    return LEVELS.get(held.get(permission, ""), 0) >= LEVELS[level]


def credential_problem(operation: Operation, principal: Principal) -> Refusal | None:
    """Return GitHub's refusal when the credential's kind does not fit the operation."""
    where = f"{operation.method} {operation.template}"
    if principal.kind == "anonymous":
        if operation.operation_id in ANONYMOUS:
            return None
        return Refusal(401, "Requires authentication", f"{where} needs a credential, sent none")
    if operation.jwt_only:
        if principal.kind == "app":
            return None
        return Refusal(
            401,
            "A JSON web token could not be decoded",
            f"{where} takes only the App JWT, got an installation token",
        )
    if principal.kind == "app":
        return Refusal(
            401,
            "A JSON web token could not be decoded",
            f"{where} is no App endpoint: the App JWT is refused, use an installation token",
        )
    if not operation.for_installations:
        return Refusal(403, NOT_ACCESSIBLE, f"{where} is not enabled for GitHub Apps")
    return None


def scope_problem(
    operation: Operation, path_params: Mapping[str, str], principal: Principal
) -> Refusal | None:
    """Return GitHub's refusal when an installation token's scope does not cover the request."""
    token = principal.token
    if principal.kind != "installation" or token is None:
        return None
    where = f"{operation.method} {operation.template}"
    if "owner" in path_params and "repo" in path_params and token.repositories is not None:
        full_name = f"{path_params['owner']}/{path_params['repo']}"
        if full_name.lower() not in {name.lower() for name in token.repositories}:
            return Refusal(404, "Not Found", f"{where}: the token was minted without {full_name}")
    need = PERMISSIONS.get(operation.operation_id)
    if need is None:
        return Refusal(
            403, NOT_ACCESSIBLE, f"{where}: the fake knows no permission for this operation"
        )
    if need and not any(grants(token.permissions, name, level) for name, level in need):
        wanted = " or ".join(f"{name}: {level}" for name, level in need)
        return Refusal(
            403,
            NOT_ACCESSIBLE,
            f"{where} needs {wanted}; the token holds {dict(sorted(token.permissions.items()))}",
        )
    return None
