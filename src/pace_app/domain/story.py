"""Turn an issue into a story: sanitised text, acceptance criteria, out-of-scope items.

Issue text is untrusted and goes to a model, so it is sanitised before anything else:
HTML comments and markdown comments (``[//]: # (…)``, invisible on GitHub) and every
default-ignorable code point — zero-width and bidi controls, variation selectors, tag
characters, fillers: what can make the text a model reads differ from what a reviewer
sees — are removed. ``strip_hidden`` is that cleaning without the length cap; the
agents use it for every untrusted text they frame (``pace_app.agents.text.frame``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pace_app.domain.conventions import DEFAULT, Conventions
from pace_app.domain.labels import STORY
from pace_app.errors import StoryError

MAX_STORY_CHARS = 20_000
TRUNCATION_MARKER = "\n[… story text truncated …]"
MAX_SLUG_CHARS = 40

# Unicode's Default_Ignorable_Code_Point property: rendered as nothing, read by a model.
_HIDDEN = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
# C0 and C1 controls other than tab and newline have no place in an issue body.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
# A link reference definition pointing nowhere (`#` or `<>`) is markdown's comment idiom:
# `[//]: # (text)`, `[comment]: <> "text"`. GitHub renders none of it.
_MD_COMMENT = re.compile(
    r"^ {0,3}\[[^\]\n]*\]:[ \t]*(?:#|<>)"
    r"(?:[ \t]*(?:\([^)]*\)|\"[^\"]*\"|'[^']*'))?[ \t]*(?:\n|\Z)",
    re.MULTILINE,
)

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*#*[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_BOLD_LINE = re.compile(r"^ {0,3}(\*\*|__)(.+?)\1[ \t]*:?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$")
_CHECKBOX = re.compile(r"^\[[ xX]\](?:[ \t]+|$)")

CRITERIA = "criteria"
OUT_OF_SCOPE = "out_of_scope"
_SECTION_NAMES = {
    "acceptance criteria": CRITERIA,
    "acceptance criterion": CRITERIA,
    "out of scope": OUT_OF_SCOPE,
    "out-of-scope": OUT_OF_SCOPE,
}

_FORMAT_HELP = """\
This issue has no acceptance criteria, so PACE cannot start it. Add a section like this \
to the issue body, then remove and add the `{label}` label again:

```markdown
## Acceptance criteria
- [ ] A user can reset their password from the login page
- [ ] The reset link expires after 24 hours

## Out of scope
- Password rules
```

Each checklist item or bullet under the heading is one criterion."""


def format_help(trigger_label: str = STORY) -> str:
    """Return the explanation of the story format, naming the trigger label to re-apply."""
    return _FORMAT_HELP.replace("{label}", trigger_label)


FORMAT_HELP = format_help()


@dataclass(frozen=True)
class Story:
    """A story as the agents see it."""

    title: str
    criteria: tuple[str, ...]
    out_of_scope: tuple[str, ...]
    context: str


def strip_hidden(text: str) -> str:
    """Remove what a reader of rendered markdown cannot see: comments, invisible characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = _CONTROL.sub("", _HIDDEN.sub("", text))
    # Removing one comment can join `<!` and `--` into a new one; repeat until stable.
    while True:
        stripped = _MD_COMMENT.sub("", _COMMENT.sub("", text))
        if stripped == text:
            return text
        text = stripped


def sanitise(text: str) -> str:
    """Remove hidden text from untrusted issue text and cap its length."""
    text = strip_hidden(text)
    if len(text) > MAX_STORY_CHARS:
        text = text[: MAX_STORY_CHARS - len(TRUNCATION_MARKER)] + TRUNCATION_MARKER
    return text


def parse_story(title: str, body: str | None, *, trigger_label: str = STORY) -> Story:
    """Parse an issue's title and body into a story, or raise ``StoryError``."""
    clean_title = " ".join(sanitise(title).split())
    if not clean_title:
        raise StoryError("The issue has no title; give the story a short title.")
    parser = _Parser()
    for line in sanitise(body or "").split("\n"):
        parser.feed(line)
    criteria, out_of_scope, context = parser.finish()
    if not criteria:
        raise StoryError(format_help(trigger_label))
    return Story(clean_title, criteria, out_of_scope, context)


def branch_slug(title: str) -> str:
    """Return a lowercase ASCII slug of the title for a branch name."""
    ascii_text = unicodedata.normalize("NFKD", sanitise(title)).encode("ascii", "ignore")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.decode("ascii").lower()).strip("-")
    if len(slug) > MAX_SLUG_CHARS:
        cut = slug[: MAX_SLUG_CHARS + 1]
        # Prefer ending at a word boundary when that keeps most of the slug.
        boundary = cut.rfind("-")
        slug = cut[:boundary] if boundary >= MAX_SLUG_CHARS // 2 else cut[:MAX_SLUG_CHARS]
        slug = slug.rstrip("-")
    return slug or "story"


def branch_name(number: int, title: str, conventions: Conventions = DEFAULT) -> str:
    """Return the story branch ``<prefix>issue-<N>-<slug>`` (``pace/`` by default)."""
    return conventions.branch_name(number, branch_slug(title))


def _section_of(heading: str) -> str | None:
    """Return which known section a heading names, if any."""
    name = heading.strip().strip("*_`").strip()
    # Drop decoration around the name: emoji, numbering, a colon, a parenthetical.
    name = re.sub(r"\([^)]*\)\W*$", "", name.lower())
    name = re.sub(r"^\W*(?:\d+[.)])?\W*|\W+$", "", name)
    name = re.sub(r"[ \t]+", " ", name)
    return _SECTION_NAMES.get(name)


class _Parser:
    """A line-by-line reader of the issue body's markdown."""

    def __init__(self) -> None:
        self.section: str | None = None
        self.items: dict[str, list[str]] = {CRITERIA: [], OUT_OF_SCOPE: []}
        self.context: list[str] = []
        self.fence: str | None = None
        self.pending: str | None = None  # a line that may be a setext heading
        self.item_indent: int | None = None  # indent of the open item, if any
        self.after_blank = False

    def feed(self, line: str) -> None:
        """Read one line."""
        if self.pending is not None:
            previous, self.pending = self.pending, None
            if _SETEXT_UNDERLINE.match(line) and line.strip():
                self._heading(previous, previous)
                return
            self._line(previous)
        if (
            self.fence is None
            and (self.item_indent is None or self.after_blank)
            and self._could_be_setext(line)
        ):
            self.pending = line
            return
        self._line(line)

    def finish(self) -> tuple[tuple[str, ...], tuple[str, ...], str]:
        """Return the criteria, out-of-scope items and context read so far."""
        if self.pending is not None:
            self._line(self.pending)
            self.pending = None
        context = re.sub(r"\n{3,}", "\n\n", "\n".join(self.context)).strip()
        return (
            tuple(item for item in self.items[CRITERIA] if item),
            tuple(item for item in self.items[OUT_OF_SCOPE] if item),
            context,
        )

    def _could_be_setext(self, line: str) -> bool:
        """Say whether a line could be the text of a setext heading."""
        return bool(line.strip()) and not any(
            pattern.match(line) for pattern in (_ITEM, _ATX, _FENCE)
        )

    def _line(self, line: str) -> None:
        if self.fence is not None:
            if line.strip().startswith(self.fence):
                self.fence = None
            self._context(line)
            return
        fence = _FENCE.match(line)
        if fence:
            self.fence = fence.group(1)[0] * 3
            self._context(line)
            return
        atx = _ATX.match(line)
        if atx:
            self._heading(atx.group(2) or "", line)
            return
        bold = _BOLD_LINE.match(line)
        if bold and _section_of(bold.group(2)):
            self._heading(bold.group(2), line)
            return
        self._body(line)

    def _heading(self, text: str, line: str) -> None:
        self.section = _section_of(text)
        self.item_indent = None
        self.after_blank = False
        self.context.append("")
        if self.section is None:
            self.context.append(line)
            if _SETEXT_UNDERLINE.match(line) is None and not _ATX.match(line):
                # A setext heading's text: keep its underline so the context still reads.
                self.context.append("-" * max(3, len(line.strip())))

    def _body(self, line: str) -> None:
        if self.section is None:
            self._context(line)
            return
        items = self.items[self.section]
        if not line.strip():
            self.after_blank = True
            self.context.append("")
            return
        item = _ITEM.match(line)
        indent = len(line) - len(line.lstrip())
        if item and (self.item_indent is None or indent <= self.item_indent + 1):
            text = _CHECKBOX.sub("", (item.group(2) or "").strip()).strip()
            items.append(text)
            self.item_indent = len(item.group(1).expandtabs(4))
            self.after_blank = False
            return
        if self.item_indent is not None and (not self.after_blank or indent > self.item_indent):
            # A continuation line or a nested bullet belongs to the open item.
            text, joiner = line.strip(), " "
            if item:
                text, joiner = _CHECKBOX.sub("", (item.group(2) or "").strip()).strip(), "; "
            items[-1] = f"{items[-1]}{joiner}{text}" if items[-1] else text
            self.after_blank = False
            return
        self.after_blank = False
        if self.section == OUT_OF_SCOPE:
            # Prose under "Out of scope" is still out of scope: one item per paragraph.
            items.append(line.strip())
            self.item_indent = indent
        else:
            self.item_indent = None
            self._context(line)

    def _context(self, line: str) -> None:
        self.context.append(line)
