"""The package's exceptions, one tree rooted at ``PaceError``.

    PaceError
    ├── SettingsError            a service setting is missing or malformed
    ├── WebhookError             a delivery cannot be accepted
    │   ├── SignatureError       missing or wrong X-Hub-Signature-256 (401)
    │   ├── MalformedDelivery    missing headers or a body that is not a JSON object (400)
    │   ├── PayloadTooLarge      body above the size limit (413)
    │   └── RequestTimeout       body not received within the read timeout (408)
    ├── StoreError               the job store failed or was misused
    │   └── LeaseLost            the job is no longer leased to this worker
    ├── GitHubError              a GitHub API call failed (cause kept)
    │   ├── GitHubUnavailable    network errors or 5xx after bounded retries
    │   └── RateLimited          rate limit still in force after the wait cap
    ├── RepoConfigError          pace.config.yaml is invalid (key path kept)
    ├── PlanError                plan.yaml is invalid (story and key path kept)
    ├── StoryError               the issue is not a runnable story
    ├── WorkspaceError           a git operation on a mirror or worktree failed
    ├── SandboxError             repository code could not be run as configured
    ├── ModelError               the model provider failed
    ├── ToolError                a FORGE tool call was refused; shown to the model
    ├── JobNotRunnable           the worker has no handler for a job, or its attempts are spent
    ├── BudgetExceeded           the run's model spend reached its USD budget
    ├── RunConflict              a story run changed state since it was read (a StoreError)
    └── RunStopped               a person ended the run on GitHub (closed its pull request)

Third-party exceptions are translated into these at the boundary, with the cause kept.
"""


class PaceError(Exception):
    """Base of every error the package raises on purpose."""


class SettingsError(PaceError):
    """A service setting is missing or malformed."""

    def __init__(self, variable: str, problem: str) -> None:
        super().__init__(f"{variable}: {problem}")
        self.variable = variable
        self.problem = problem


class WebhookError(PaceError):
    """A delivery cannot be accepted; ``status`` is the HTTP answer."""

    status = 400


class SignatureError(WebhookError):
    """The delivery's signature is missing or does not match."""

    status = 401


class MalformedDelivery(WebhookError):
    """The delivery lacks a required header or is not a JSON object."""

    status = 400


class PayloadTooLarge(WebhookError):
    """The delivery's body exceeds the size limit."""

    status = 413


class RequestTimeout(WebhookError):
    """The delivery's body did not arrive within the read timeout."""

    status = 408


class StoreError(PaceError):
    """The job store failed or was used against its contract."""


class LeaseLost(StoreError):
    """The job is no longer leased to the worker that asked."""


class GitHubError(PaceError):
    """A GitHub API call failed."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class GitHubUnavailable(GitHubError):
    """GitHub kept failing (network errors or 5xx) after bounded retries."""


class RateLimited(GitHubError):
    """GitHub's rate limit was still in force after the longest allowed wait."""


class RepoConfigError(PaceError):
    """The repository's pace.config.yaml is invalid."""

    def __init__(self, key_path: str, problem: str) -> None:
        super().__init__(f"{key_path}: {problem}" if key_path else problem)
        self.key_path = key_path
        self.problem = problem


class PlanError(PaceError):
    """A sprint plan (``plan.yaml``) is invalid."""

    def __init__(self, key_path: str, problem: str) -> None:
        super().__init__(f"{key_path}: {problem}" if key_path else problem)
        self.key_path = key_path
        self.problem = problem


class StoryError(PaceError):
    """The issue cannot be run as a story."""


class WorkspaceError(PaceError):
    """A git operation on a mirror or worktree failed."""


class SandboxError(PaceError):
    """Repository code could not be run as configured."""


class ModelError(PaceError):
    """The model provider failed."""


class ToolError(PaceError):
    """A FORGE tool call was refused; the message is shown to the model."""


class JobNotRunnable(PaceError):
    """The worker cannot run a job: no handler for its kind, or no attempts left."""


class BudgetExceeded(PaceError):
    """The run's model spend reached its USD budget; no further calls are made."""

    def __init__(self, spent_usd: float, budget_usd: float) -> None:
        super().__init__(f"model spend ${spent_usd:.4f} reached the budget of ${budget_usd:.2f}")
        self.spent_usd = spent_usd
        self.budget_usd = budget_usd


class RunConflict(StoreError):
    """A story run was no longer in the state its writer expected."""


class RunStopped(PaceError):
    """Someone ended the run's work on GitHub, e.g. by closing its pull request."""
