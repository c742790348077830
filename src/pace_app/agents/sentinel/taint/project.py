"""The repository as the analysis sees it: parsed modules, function summaries, flows.

Every Python file is parsed with the running interpreter's ``ast``; one that does not
parse is listed with the error, never skipped in silence. Summaries are built for every
function from its parameters (rounds until nothing changes, bounded), then every body is
walked once more with the summaries to report the flows from real sources.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from pace_app.agents.sentinel.taint import catalogue as cat
from pace_app.agents.sentinel.taint.engine import Env, Hit, Module, Summary, Walker
from pace_app.agents.sentinel.taint.imports import dotted, import_map, module_names
from pace_app.agents.sentinel.taint.values import CLEAN, Origin, Taint, union
from pace_app.domain.findings import Confidence, Finding, Step

MAX_ROUNDS = 4
FRAMEWORKS = ("flask", "django", "fastapi", "starlette", "bottle", "quart")
_CONVERTED = re.compile(r"<(int|float|uuid):(\w+)>")
_CLEAN_TYPES = frozenset({"int", "float", "bool", "UUID", "uuid.UUID", "date", "datetime"})
CONFIDENCE: dict[str, Confidence] = {
    "request": "high",
    "file": "high",
    "argv": "medium",
    "input": "medium",
    "environment": "medium",
}
ORIGINS = {
    "request": "request data",
    "file": "data read from a request-derived path",
    "argv": "a command-line argument",
    "input": "console input",
    "environment": "an environment variable",
}


@dataclass
class Parsed:
    """One parsed file."""

    path: str
    module: str
    tree: ast.Module
    lines: list[str]
    info: Module


@dataclass
class Function:
    """A function or method the analysis summarises and walks."""

    name: str
    node: ast.FunctionDef | ast.AsyncFunctionDef
    parsed: Parsed
    cls: str | None
    route: bool


@dataclass
class Analysis:
    """What the analysis found, and which files it could not parse (with why)."""

    findings: list[Finding] = field(default_factory=list)
    not_parsed: dict[str, str] = field(default_factory=dict)


def _frameworks(tree: ast.Module) -> frozenset[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return frozenset(found & set(FRAMEWORKS))


def parse(texts: Mapping[str, str]) -> tuple[list[Parsed], dict[str, str]]:
    """Parse every Python file; return the modules and the files that failed, with why."""
    parsed: list[Parsed] = []
    failed: dict[str, str] = {}
    for path in sorted(texts):
        if not path.endswith(".py"):
            continue
        try:
            tree = ast.parse(texts[path], filename=path)
        except (SyntaxError, ValueError) as exc:
            where = f" at line {exc.lineno}" if isinstance(exc, SyntaxError) else ""
            failed[path] = f"Python could not parse it{where}: {getattr(exc, 'msg', str(exc))}"
            continue
        names = module_names(path)
        module = names[-1] if names else path
        package = path.endswith("__init__.py")
        info = Module(
            path=path,
            module=module,
            names=import_map(tree, module, package=package),
            frameworks=_frameworks(tree),
        )
        parsed.append(Parsed(path, module, tree, texts[path].splitlines(), info))
    return parsed, failed


def _is_route(node: ast.FunctionDef | ast.AsyncFunctionDef, parsed: Parsed) -> bool:
    for decorator in node.decorator_list:
        func = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(func, ast.Attribute) and func.attr in cat.ROUTE_DECORATORS:
            return True
    args = node.args.posonlyargs + node.args.args
    names = [a.arg for a in args]
    # A Django view takes the request first (after self in a class-based view).
    django = "django" in parsed.info.frameworks
    return django and (names[:1] == ["request"] or names[:2] == ["self", "request"])


def functions(parsed: list[Parsed]) -> dict[str, Function]:
    """Return every top-level function and method by the dotted names it is called by."""
    found: dict[str, Function] = {}
    for module in parsed:
        for node in module.tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                function = Function(node.name, node, module, None, _is_route(node, module))
                for name in module_names(module.path):
                    found[f"{name}.{node.name}"] = function
            elif isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                        method = Function(
                            item.name, item, module, node.name, _is_route(item, module)
                        )
                        for name in module_names(module.path):
                            found[f"{name}.{node.name}.{item.name}"] = method
    return found


def _route_converters(node: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    typed: set[str] = set()
    for decorator in node.decorator_list:
        if isinstance(decorator, ast.Call) and decorator.args:
            first = decorator.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                typed.update(m.group(2) for m in _CONVERTED.finditer(first.value))
    return typed


def _annotation(arg: ast.arg) -> str:
    node = arg.annotation
    if node is None:
        return ""
    if isinstance(node, ast.Subscript):
        node = node.value
    return ast.unparse(node)


def bind_parameters(function: Function) -> tuple[Env, frozenset[str]]:
    """Return the parameters' taint on entry, and the names that hold a request object."""
    node, path = function.node, function.parsed.path
    args = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
    if node.args.vararg:
        args.append(node.args.vararg)
    if node.args.kwarg:
        args.append(node.args.kwarg)
    env: Env = {}
    requests = set(cat.REQUEST_NAMES)
    converted = _route_converters(node) if function.route else set()
    defaults = _defaults(node)
    index = 0
    for arg in args:
        if function.cls is not None and arg.arg in {"self", "cls"}:
            continue
        annotation = _annotation(arg)
        step = Step(path, arg.lineno, f"parameter {arg.arg}")
        if annotation.rsplit(".", 1)[-1] in cat.REQUEST_TYPES or arg.arg == "request":
            requests.add(arg.arg)
        elif function.route:
            framework_object = annotation.rsplit(".", 1)[-1] in cat.NOT_CLIENT_DATA or (
                "Depends" in defaults.get(arg.arg, "")
            )
            typed = annotation in _CLEAN_TYPES or arg.arg in converted
            if not (framework_object or typed):
                route_step = Step(path, arg.lineno, f"source: route parameter {arg.arg}")
                env[arg.arg] = (Taint("request", (route_step,)),)
        else:
            env[arg.arg] = (Taint("param", (step,), param=index),)
        index += 1
    return env, frozenset(requests)


def _defaults(node: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, str]:
    positional = [*node.args.posonlyargs, *node.args.args]
    pairs = list(
        zip(
            positional[len(positional) - len(node.args.defaults) :], node.args.defaults, strict=True
        )
    )
    pairs += [
        (a, d)
        for a, d in zip(node.args.kwonlyargs, node.args.kw_defaults, strict=True)
        if d is not None
    ]
    return {arg.arg: ast.unparse(default) for arg, default in pairs}


class Project:
    """The parsed repository, its summaries and its module-level taint."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.parsed, self.not_parsed = parse(texts)
        self.functions = functions(self.parsed)
        self.summaries: dict[str, Summary] = {}
        self.globals: dict[str, Env] = {}
        for module in self.parsed:
            module.info.resolve = self._resolve

    def _resolve(self, name: str) -> Summary | None:
        return self.summaries.get(name)

    def walk(self, function: Function) -> Walker:
        """Walk one function with the current summaries."""
        env, requests = bind_parameters(function)
        start = dict(self.globals.get(function.parsed.path, {}))
        start.update(env)
        walker = Walker(
            function.parsed.info,
            start,
            route=function.route,
            cls=function.cls,
            request_names=requests,
        )
        walker.block(function.node.body)
        return walker

    def module_walk(self, parsed: Parsed) -> Walker:
        """Walk a module's top-level statements (scripts, settings, module constants)."""
        walker = Walker(parsed.info, {})
        walker.block(
            [
                s
                for s in parsed.tree.body
                if not isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            ]
        )
        return walker

    def summarise(self) -> list[Walker]:
        """Build the summaries in rounds until they settle; return the last round's walks.

        A round that changed no summary walked every function with the final summaries,
        so its walks are the final ones.
        """
        unique = {id(f): f for f in self.functions.values()}
        aliases: dict[int, list[str]] = {}
        for name, function in self.functions.items():
            aliases.setdefault(id(function), []).append(name)
        walkers: list[Walker] = []
        for _ in range(MAX_ROUNDS):
            changed = False
            walkers = []
            for function in unique.values():
                walker = self.walk(function)
                walkers.append(walker)
                summary = Summary(
                    returns=union(walker.returns),
                    sinks=tuple(h for h in _unique(walker.hits) if h.taint.origin == "param"),
                )
                for name in aliases[id(function)]:
                    if self.summaries.get(name) != summary:
                        self.summaries[name] = summary
                        changed = True
            if not changed:
                return walkers
        return [self.walk(function) for function in unique.values()]

    def hits(self) -> Iterator[Hit]:
        """Yield every flow from a real source into a sink, once."""
        walkers: list[Walker] = []
        for parsed in self.parsed:
            walker = self.module_walk(parsed)
            self.globals[parsed.path] = walker.env
            walkers.append(walker)
        walkers.extend(self.summarise())
        for walker in walkers:
            yield from (h for h in _unique(walker.hits) if h.taint.origin != "param")


def _unique(hits: list[Hit]) -> list[Hit]:
    kept: dict[tuple[str, int, str], Hit] = {}
    for hit in hits:
        kept.setdefault((hit.path, hit.line, hit.cwe), hit)
    return list(kept.values())


def finding_of(hit: Hit, lines: list[str]) -> Finding:
    """Return the finding for one flow, its path included."""
    origin = hit.taint.origin
    sink = Step(hit.path, hit.line, f"sink: {hit.what} ({hit.cwe})")
    trace = (*hit.taint.steps, sink)
    first = hit.taint.steps[0] if hit.taint.steps else sink
    anchor = lines[hit.line - 1] if 0 < hit.line <= len(lines) else ""
    return Finding(
        path=hit.path,
        line=hit.line,
        severity=hit.severity,
        category=cat.CATEGORIES.get(hit.cwe, "security"),
        message=(
            f"{ORIGINS.get(origin, origin)} ({first.note.removeprefix('source: ')}, line "
            f"{first.line}) reaches {hit.what} without a sanitiser"
        ),
        source="taint",
        anchor=anchor,
        rule=f"taint/{hit.cwe}",
        cwe=hit.cwe,
        confidence=CONFIDENCE.get(origin, "medium"),
        trace=trace,
    )


def analyse(texts: Mapping[str, str]) -> Analysis:
    """Run the taint analysis over the repository's Python files."""
    project = Project(texts)
    lines = {p.path: p.lines for p in project.parsed}
    findings = [finding_of(hit, lines.get(hit.path, [])) for hit in project.hits()]
    return Analysis(findings=findings, not_parsed=dict(project.not_parsed))


__all__ = ["CLEAN", "Analysis", "Origin", "Project", "analyse", "dotted"]
