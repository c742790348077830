"""Load YAML that users wrote (``pace.config.yaml``, ``plan.yaml``) safely, with a clear error."""

from __future__ import annotations

import yaml

MAX_MESSAGE_CHARS = 200


class YamlProblem(ValueError):
    """The text is not YAML the loader accepts; the message says where and why."""


def load_yaml(text: str) -> object:
    """Return the text's data (``safe_load``), or raise ``YamlProblem`` with a position."""
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = " ".join(part for part in (exc.context, exc.problem) if part)
        raise YamlProblem(f"invalid YAML at {where}{problem}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"invalid YAML: {clip(str(exc))}") from None
    except RecursionError:
        raise YamlProblem("invalid YAML: nesting is too deep") from None


def clip(message: str) -> str:
    """Keep error messages short: a long value must not be echoed back in full."""
    return message if len(message) <= MAX_MESSAGE_CHARS else message[: MAX_MESSAGE_CHARS - 1] + "…"
