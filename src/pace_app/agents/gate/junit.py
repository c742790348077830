"""Read a JUnit XML test report (pytest's ``--junitxml``) into plain values.

The report is written by repository code, so it is untrusted: it is size-capped,
refused outright when it declares a DOCTYPE or an entity (the standard library parser
would expand internal entities, and defusedxml is not a dependency), and any parse
problem becomes a report that says it could not be read, never an exception.

Where a failure happened: pytest's default ``xunit2`` family writes no ``file`` or
``line`` on a testcase; the ``xunit1`` family does, with ``line`` 0-based (it is the
index of the test function's ``def`` line). The failure text (pytest's traceback) ends
each frame with ``path:line:`` (1-based), so the last frame in the test's own file is
preferred, and the ``file``/``line`` attributes (converted to 1-based) are the fallback.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Literal

MAX_REPORT_BYTES = 20 * 1024 * 1024
UNREADABLE = "could not read the test report"

_FORBIDDEN = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_FRAME = re.compile(r"^(?P<path>[^\s:][^:\n]*?\.py):(?P<line>\d+):", re.MULTILINE)

FailureKind = Literal["failure", "error"]


@dataclass(frozen=True)
class Failure:
    """One failed or erroring test: where it failed and what it printed."""

    test_id: str
    file: str | None
    line: int | None
    message: str
    text: str
    kind: FailureKind = "failure"


@dataclass(frozen=True)
class TestReport:
    """The counts and failures of one test run; ``problem`` says why it could not be read."""

    __test__ = False  # not a pytest test class, despite the name

    passed: int = 0
    failed: int = 0
    errors: int = 0
    skipped: int = 0
    duration: float = 0.0
    failures: tuple[Failure, ...] = field(default_factory=tuple)
    problem: str | None = None

    @property
    def total(self) -> int:
        """Return the number of tests the report covers."""
        return self.passed + self.failed + self.errors + self.skipped

    @property
    def ok(self) -> bool:
        """Say whether the report was read and shows no failure or error."""
        return self.problem is None and self.failed == 0 and self.errors == 0


def unreadable(reason: str) -> TestReport:
    """Return the report standing for one that could not be read, and why."""
    return TestReport(problem=f"{UNREADABLE}: {reason}")


def parse_junit(data: bytes) -> TestReport:
    """Parse JUnit XML bytes into a ``TestReport``; never raises on bad input."""
    if len(data) > MAX_REPORT_BYTES:
        return unreadable(f"it is larger than {MAX_REPORT_BYTES // (1024 * 1024)} MiB")
    if b"\x00" in data or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # UTF-16 or UTF-32 would hide a DOCTYPE from the byte check below.
        return unreadable("it is not UTF-8 text")
    if _FORBIDDEN.search(data):
        return unreadable("it declares a DOCTYPE or an entity, which is refused")
    try:
        # Safe here: DOCTYPE and ENTITY declarations were refused above.
        root = ET.fromstring(data)  # noqa: S314
    except ET.ParseError as exc:
        return unreadable(f"invalid XML ({exc})")
    if root.tag not in {"testsuites", "testsuite"}:
        return unreadable(f"the root element is <{root.tag[:40]}>, not <testsuites>")
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    counts = {"passed": 0, "failed": 0, "errors": 0, "skipped": 0}
    failures: list[Failure] = []
    case_time = 0.0
    for case in (case for suite in suites for case in suite.iter("testcase")):
        case_time += _float(case.get("time"))
        outcome = _outcome(case, failures)
        counts[outcome] += 1
    suite_times = [_float(suite.get("time")) for suite in suites if suite.get("time")]
    duration = sum(suite_times) if suite_times else case_time
    return TestReport(
        passed=counts["passed"],
        failed=counts["failed"],
        errors=counts["errors"],
        skipped=counts["skipped"],
        duration=duration,
        failures=tuple(failures),
    )


def _outcome(case: ET.Element, failures: list[Failure]) -> str:
    """Record the testcase's failures and errors; return the counter it adds to."""
    found = [child for child in case if child.tag in {"failure", "error"}]
    for child in found:
        failures.append(_failure(case, child))
    if any(child.tag == "failure" for child in found):
        return "failed"
    if found:
        return "errors"
    if case.find("skipped") is not None:
        return "skipped"
    return "passed"


def _failure(case: ET.Element, child: ET.Element) -> Failure:
    classname = case.get("classname", "")
    name = case.get("name", "")
    text = child.text or ""
    file, line = locate(text, classname=classname, file=case.get("file"), line=case.get("line"))
    kind: FailureKind = "failure" if child.tag == "failure" else "error"
    message = child.get("message") or (text.strip().splitlines() or [kind])[-1]
    return Failure(
        test_id=f"{classname}::{name}" if classname else name,
        file=file,
        line=line,
        message=message,
        text=text,
        kind=kind,
    )


def locate(
    text: str, *, classname: str, file: str | None = None, line: str | None = None
) -> tuple[str | None, int | None]:
    """Return the test file and 1-based line a failure's traceback points at."""
    frames = [(m.group("path"), int(m.group("line"))) for m in _FRAME.finditer(text)]
    in_test_file = [
        (path, number)
        for path, number in frames
        if (file is not None and _same_path(path, file))
        or (file is None and _module_of(path, classname))
    ]
    if in_test_file:
        path, number = in_test_file[-1]
        return (file or path), max(number, 1)
    if file is not None:
        # The xunit1 ``line`` is 0-based: the index of the test's ``def`` line.
        zero_based = int(line) if line is not None and line.strip().isdigit() else None
        return file, None if zero_based is None else zero_based + 1
    return None, None


def _same_path(frame_path: str, file: str) -> bool:
    return frame_path.removeprefix("./") == file.removeprefix("./") or frame_path.endswith(
        "/" + file.removeprefix("./")
    )


def _module_of(path: str, classname: str) -> bool:
    """Say whether ``path`` is the module pytest's dotted ``classname`` starts with."""
    module = path.removeprefix("./").removesuffix(".py").replace("/", ".")
    return bool(classname) and (classname == module or classname.startswith(module + "."))


def _float(value: str | None) -> float:
    try:
        return float(value) if value else 0.0
    except ValueError:
        return 0.0
