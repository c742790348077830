"""Walk one function (or a module's top level), carrying taint from sources to sinks.

The walk is flow-sensitive within a function: branches are walked apart and merged, an
``if`` that ends in ``return``/``raise``/``abort()`` leaves what its test proved on the
path after it, and loops are walked twice so a value can flow round once. Calls to the
repository's own functions use their summaries (which parameters reach the return
value or a sink), built by ``project``.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field

from pace_app.agents.sentinel.taint import catalogue as cat
from pace_app.agents.sentinel.taint.guards import CONTAINED, refine
from pace_app.agents.sentinel.taint.imports import dotted, raw_dotted
from pace_app.agents.sentinel.taint.values import (
    ALL,
    CLEAN,
    Origin,
    Taint,
    Value,
    cleaned,
    dangerous,
    normalised,
    stepped,
    union,
)
from pace_app.domain.findings import Severity, Step

Env = dict[str, Value]
_SUBPROCESS = frozenset(
    {
        "subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output",
        "subprocess.Popen", "asyncio.create_subprocess_exec",
    }
)  # fmt: skip
_ALWAYS_SHELL = frozenset({"subprocess.getoutput", "subprocess.getstatusoutput"})
_SAFE_YAML = frozenset({"SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader"})
_XML_PARSE = frozenset(
    {"lxml.etree.fromstring", "lxml.etree.XML", "lxml.etree.parse", "lxml.etree.iterparse"}
)
_CONTAINER_ADDERS = frozenset({"append", "extend", "insert", "add", "update", "appendleft"})
_STR_METHODS = frozenset({"format", "join", "replace", "strip", "lower", "upper", "title"})
_SESSION = frozenset({"flask.session", "session", "request.session", "self.request.session"})


@dataclass(frozen=True, slots=True)
class Hit:
    """Taint that reached a sink: which taint, which sink, where."""

    taint: Taint
    cwe: str
    what: str
    severity: Severity
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class Summary:
    """What calling a function does with its arguments."""

    returns: Value = CLEAN
    sinks: tuple[Hit, ...] = ()


@dataclass
class Module:
    """What the walk of any function in one module needs to know."""

    path: str
    module: str
    names: dict[str, str]
    frameworks: frozenset[str]
    resolve: Callable[[str], Summary | None] = lambda _name: None
    unsafe_parsers: set[str] = field(default_factory=set)


def _terminates(body: list[ast.stmt], names: dict[str, str]) -> bool:
    if not body:
        return False
    last = body[-1]
    if isinstance(last, ast.Return | ast.Raise | ast.Continue | ast.Break):
        return True
    if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call):
        return dotted(last.value.func, names) in cat.TERMINATORS
    if isinstance(last, ast.If):
        return _terminates(last.body, names) and _terminates(last.orelse, names)
    return False


def _merge(first: Env, second: Env) -> Env:
    return {k: union(first.get(k, CLEAN), second.get(k, CLEAN)) for k in first.keys() | second}


class Walker:
    """Carries taint through one body of code and records the sinks it reaches."""

    def __init__(
        self,
        module: Module,
        env: Env,
        *,
        route: bool = False,
        cls: str | None = None,
        request_names: frozenset[str] = cat.REQUEST_NAMES,
    ) -> None:
        self.m = module
        self.env = env
        self.route = route
        self.cls = cls
        self.request_names = request_names
        self.returns: Value = CLEAN
        self.hits: list[Hit] = []
        self.argv_lists: dict[str, ast.expr] = {}
        self.structured: set[str] = set()

    # -- statements -------------------------------------------------------------------

    def block(self, body: list[ast.stmt]) -> bool:
        """Walk statements in order; return whether the block always leaves early."""
        for stmt in body:
            self.stmt(stmt)
        return _terminates(body, self.m.names)

    def stmt(self, node: ast.stmt) -> None:
        """Walk one statement."""
        if isinstance(node, ast.Assign):
            value = self.ev(node.value)
            for target in node.targets:
                self.bind(target, value, node.value)
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            self.bind(node.target, self.ev(node.value), node.value)
        elif isinstance(node, ast.AugAssign):
            name = raw_dotted(node.target)
            value = self.ev(node.value)
            if name is not None:
                self.env[name] = union(self.env.get(name, CLEAN), value)
        elif isinstance(node, ast.Expr):
            self.ev(node.value)
        elif isinstance(node, ast.Return) and node.value is not None:
            value = self.ev(node.value)
            self.returns = union(self.returns, value)
            self.check_return(node.value, value)
        elif isinstance(node, ast.If):
            self.branch(node.test, node.body, node.orelse)
        elif isinstance(node, ast.For | ast.AsyncFor):
            self.bind(node.target, self.ev(node.iter), node.iter)
            for _ in range(2):
                before = dict(self.env)
                self.block(node.body)
                self.env = _merge(before, self.env)
            self.block(node.orelse)
        elif isinstance(node, ast.While):
            self.ev(node.test)
            for _ in range(2):
                before = dict(self.env)
                self.block(node.body)
                self.env = _merge(before, self.env)
        elif isinstance(node, ast.With | ast.AsyncWith):
            for item in node.items:
                value = self.ev(item.context_expr)
                if item.optional_vars is not None:
                    self.bind(item.optional_vars, value, item.context_expr)
            self.block(node.body)
        elif isinstance(node, ast.Try | ast.TryStar):
            start = dict(self.env)
            self.block(node.body)
            after_body = dict(self.env)
            for handler in node.handlers:
                self.env = _merge(start, after_body)
                self.block(handler.body)
                after_body = _merge(after_body, self.env)
            self.env = after_body
            self.block(node.orelse)
            self.block(node.finalbody)
        elif isinstance(node, ast.Match):
            self.ev(node.subject)
            start, merged = dict(self.env), dict(self.env)
            for case in node.cases:
                self.env = dict(start)
                self.block(case.body)
                merged = _merge(merged, self.env)
            self.env = merged
        elif isinstance(node, ast.Raise) and node.exc is not None:
            self.ev(node.exc)
        elif isinstance(node, ast.Assert):
            self.ev(node.test)

    def branch(self, test: ast.expr, body: list[ast.stmt], orelse: list[ast.stmt]) -> None:
        """Walk both sides of an ``if``, each with what its test proves."""
        self.ev(test)
        start = self.env
        self.env = self.refined(start, test, True)
        body_ends = self.block(body)
        body_env = self.env
        self.env = self.refined(start, test, False)
        else_ends = self.block(orelse)
        else_env = self.env
        if body_ends and not else_ends:
            self.env = else_env
        elif else_ends and not body_ends:
            self.env = body_env
        else:
            self.env = _merge(body_env, else_env)

    def refined(self, env: Env, test: ast.expr, truth: bool) -> Env:
        """Return a copy of ``env`` with what ``test`` being ``truth`` makes safe."""
        tainted = {name for name, value in env.items() if value}
        out = dict(env)
        for name, cwes in refine(test, truth, self.m.names, tainted).items():
            if name not in out:
                continue
            value = out[name]
            if CONTAINED in cwes:
                contained = tuple(t for t in value if t.normalised)
                rest = tuple(t for t in value if not t.normalised)
                value = union(cleaned(contained, {"CWE-22"}), rest)
            out[name] = cleaned(value, cwes - {CONTAINED})
        return out

    def bind(self, target: ast.expr, value: Value, source: ast.expr) -> None:
        """Give ``target`` the value; a subscript or attribute taints its container."""
        line = getattr(target, "lineno", 0)
        if isinstance(target, ast.Name):
            self.env[target.id] = stepped(
                value, Step(self.m.path, line, f"assigned to {target.id}")
            )
            self._shape(target.id, source)
        elif isinstance(target, ast.Tuple | ast.List):
            for element in target.elts:
                self.bind(element, value, source)
        elif isinstance(target, ast.Starred):
            self.bind(target.value, value, source)
        elif isinstance(target, ast.Attribute):
            name = raw_dotted(target)
            if name is not None:
                self.env[name] = stepped(value, Step(self.m.path, line, f"assigned to {name}"))
        elif isinstance(target, ast.Subscript):
            self.ev(target.slice)
            self.store_item(target, value, line)

    def _shape(self, name: str, source: ast.expr) -> None:
        if isinstance(source, ast.List | ast.Tuple):
            self.argv_lists[name] = source
        else:
            self.argv_lists.pop(name, None)
        structured = isinstance(source, ast.Dict | ast.List | ast.DictComp | ast.ListComp)
        if isinstance(source, ast.Call):
            structured = dotted(source.func, self.m.names) in {"flask.jsonify", "dict", "list"}
        if structured:
            self.structured.add(name)
        else:
            self.structured.discard(name)
        if isinstance(source, ast.Call) and _unsafe_parser(source, self.m.names):
            self.m.unsafe_parsers.add(name)

    def store_item(self, target: ast.Subscript, value: Value, line: int) -> None:
        """Record ``container[key] = value``: trust-boundary and header sinks, then taint."""
        container = raw_dotted(target.value)
        if container is None:
            return
        resolved = dotted(target.value, self.m.names) or container
        if resolved in _SESSION or container.endswith("request.session"):
            self.sink(value, "CWE-501", "the session", "medium", line)
        key = target.slice
        if (
            container.endswith("headers")
            and isinstance(key, ast.Constant)
            and str(key.value).lower() == "location"
        ):
            self.sink(value, "CWE-601", "the Location header", "medium", line)
        self.env[container] = union(self.env.get(container, CLEAN), value)

    # -- expressions ------------------------------------------------------------------

    def ev(self, node: ast.expr | None) -> Value:
        """Return the taint ``node`` carries, checking every call inside it for sinks."""
        if node is None or isinstance(node, ast.Constant | ast.Lambda):
            return CLEAN
        if isinstance(node, ast.Name):
            return self.env.get(node.id, CLEAN)
        if isinstance(node, ast.Attribute):
            return self.attribute(node)
        if isinstance(node, ast.Subscript):
            self.ev(node.slice)
            return self.ev(node.value)
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Await | ast.Starred | ast.FormattedValue):
            return self.ev(node.value)
        if isinstance(node, ast.JoinedStr):
            return union(*(self.ev(v) for v in node.values))
        if isinstance(node, ast.BinOp):
            return union(self.ev(node.left), self.ev(node.right))
        if isinstance(node, ast.BoolOp):
            return union(*(self.ev(v) for v in node.values))
        if isinstance(node, ast.UnaryOp):
            return self.ev(node.operand)
        if isinstance(node, ast.Compare):
            self.ev(node.left)
            for part in node.comparators:
                self.ev(part)
            return CLEAN
        if isinstance(node, ast.IfExp):
            return self.if_expression(node)
        if isinstance(node, ast.Dict):
            for key in node.keys:
                self.ev(key)
            return union(*(self.ev(v) for v in node.values))
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            return union(*(self.ev(e) for e in node.elts))
        if isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
            return self.comprehension(node)
        if isinstance(node, ast.NamedExpr):
            value = self.ev(node.value)
            self.bind(node.target, value, node.value)
            return value
        if isinstance(node, ast.Slice):
            return union(self.ev(node.lower), self.ev(node.upper))
        return CLEAN

    def if_expression(self, node: ast.IfExp) -> Value:
        """Return ``a if test else b``, each side seen with what the test proves."""
        self.ev(node.test)
        start = self.env
        self.env = self.refined(start, node.test, True)
        body = self.ev(node.body)
        self.env = self.refined(start, node.test, False)
        other = self.ev(node.orelse)
        self.env = start
        return union(body, other)

    def comprehension(
        self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp
    ) -> Value:
        """Return a comprehension's taint: its elements', with loop targets bound."""
        saved = dict(self.env)
        for generator in node.generators:
            self.bind(generator.target, self.ev(generator.iter), generator.iter)
            for condition in generator.ifs:
                self.env = self.refined(self.env, condition, True)
        if isinstance(node, ast.DictComp):
            self.ev(node.key)
            value = self.ev(node.value)
        else:
            value = self.ev(node.elt)
        self.env = saved
        return value

    def attribute(self, node: ast.Attribute) -> Value:
        """Return an attribute's taint: a request source, a stored attribute, or its base's."""
        raw = raw_dotted(node)
        if raw is not None and raw in self.env:
            return self.env[raw]
        base = raw_dotted(node.value)
        if base is not None and base in self.request_names and node.attr in cat.REQUEST_ATTRIBUTES:
            return (self.source("request", f"{base}.{node.attr}", node.lineno),)
        qualified = dotted(node, self.m.names)
        if qualified in cat.SOURCE_ATTRIBUTES:
            origin: Origin = cat.SOURCE_ATTRIBUTES[qualified]  # type: ignore[assignment]
            return (self.source(origin, qualified, node.lineno),)
        return self.ev(node.value)

    def source(self, origin: Origin, what: str, line: int) -> Taint:
        """Return a fresh taint from ``what`` at ``line``."""
        return Taint(origin, (Step(self.m.path, line, f"source: {what}"),))

    def call(self, node: ast.Call) -> Value:
        """Return a call's result taint, after checking it as a sink."""
        func = node.func
        qualified = dotted(func, self.m.names) or ""
        receiver = self.ev(func) if isinstance(func, ast.Attribute) else CLEAN
        args = [self.ev(a) for a in node.args]
        kwargs = {k.arg: self.ev(k.value) for k in node.keywords}
        self.check_call(node, qualified, receiver, args, kwargs)
        everything = union(receiver, *args, *kwargs.values())
        method = func.attr if isinstance(func, ast.Attribute) else ""
        last = qualified.rsplit(".", 1)[-1]
        if qualified in cat.SOURCE_CALLS:
            origin: Origin = cat.SOURCE_CALLS[qualified]  # type: ignore[assignment]
            return (self.source(origin, f"{qualified}()", node.lineno),)
        if method in _CONTAINER_ADDERS and isinstance(func, ast.Attribute):
            container = raw_dotted(func.value)
            if container is not None:
                self.env[container] = union(self.env.get(container, CLEAN), *args)
                if container in _SESSION or container.endswith("request.session"):
                    self.sink(
                        union(*args, *kwargs.values()),
                        "CWE-501",
                        "the session",
                        "medium",
                        node.lineno,
                    )
        if qualified in cat.CLEAN_CALLS or method in cat.CLEAN_METHODS:
            return CLEAN
        if method == "get" and not receiver and isinstance(func, ast.Attribute):
            # A lookup in a trusted mapping yields its own values, whatever the key.
            return args[1] if len(args) > 1 else kwargs.get("default", CLEAN)
        if qualified in cat.SANITISERS:
            return cleaned(union(*args, *kwargs.values()), cat.SANITISERS[qualified] or ())
        if qualified in cat.NORMALISERS or method in cat.NORMALISING_METHODS:
            return normalised(everything)
        if cat.SANITISER_NAME.search(last) and qualified not in cat.SINKS:
            return cleaned(everything, {ALL})
        summary = self.summary_for(func, qualified)
        if summary is not None:
            return self.apply(summary, node, args, kwargs)
        return everything

    def summary_for(self, func: ast.expr, qualified: str) -> Summary | None:
        """Return the summary of a repository function the call names, if any."""
        candidates = [qualified, f"{self.m.module}.{qualified}"]
        raw = raw_dotted(func)
        if raw is not None and raw.startswith("self.") and self.cls is not None:
            candidates.append(f"{self.m.module}.{self.cls}.{raw[5:]}")
        for name in candidates:
            found = self.m.resolve(name)
            if found is not None:
                return found
        return None

    def apply(
        self, summary: Summary, node: ast.Call, args: list[Value], kwargs: dict[str | None, Value]
    ) -> Value:
        """Return what a summarised call returns, and report sinks its arguments reach."""
        name = raw_dotted(node.func) or "a function"
        step = Step(self.m.path, node.lineno, f"passed to {name}()")

        def actual(index: int | None) -> Value:
            if index is None:
                return CLEAN
            value = args[index] if index < len(args) else CLEAN
            return union(value, *kwargs.values()) if index >= len(args) and kwargs else value

        out: list[Value] = []
        for taint in summary.returns:
            if taint.origin != "param":
                out.append((taint.then(step),))
                continue
            passed = actual(taint.param)
            passed = cleaned(passed, taint.cleaned)
            out.append(normalised(passed) if taint.normalised else passed)
        for hit in summary.sinks:
            for outer in dangerous(actual(hit.taint.param), hit.cwe):
                if hit.taint.cleaned & {hit.cwe, ALL}:
                    continue
                steps = (*outer.steps, step, *hit.taint.steps[1:])
                self.hits.append(
                    Hit(
                        Taint(outer.origin, steps, outer.param, outer.cleaned, outer.normalised),
                        hit.cwe,
                        hit.what,
                        hit.severity,
                        hit.path,
                        hit.line,
                    )
                )
        return union(*out)

    # -- sinks ------------------------------------------------------------------------

    def sink(self, value: Value, cwe: str, what: str, severity: Severity, line: int) -> None:
        """Record every taint in ``value`` no sanitiser made safe for ``cwe``."""
        for taint in dangerous(value, cwe):
            self.hits.append(Hit(taint, cwe, what, severity, self.m.path, line))

    def check_call(
        self,
        node: ast.Call,
        qualified: str,
        receiver: Value,
        args: list[Value],
        kwargs: dict[str | None, Value],
    ) -> None:
        """Check one call against the sinks it may be."""
        line = node.lineno
        if qualified in _SUBPROCESS or qualified in _ALWAYS_SHELL:
            self.check_subprocess(node, qualified, args, kwargs)
            return
        if qualified in {"yaml.load", "yaml.load_all"}:
            if not _safe_yaml(node, self.m.names):
                self.sink(
                    union(*args[:1], kwargs.get("stream", CLEAN)),
                    "CWE-502",
                    qualified,
                    "high",
                    line,
                )
            return
        if qualified in _XML_PARSE:
            if self.unsafe_parser_arg(node):
                self.sink(
                    union(*args[:1], kwargs.get("source", CLEAN)),
                    "CWE-611",
                    qualified,
                    "high",
                    line,
                )
            return
        spec = cat.SINKS.get(qualified)
        method = node.func.attr if isinstance(node.func, ast.Attribute) else ""
        if spec is None and method and qualified not in cat.SINKS:
            spec = self.method_sink(node, method)
        if spec is None:
            return
        if spec.cwe == "CWE-79" and _not_html(node):
            return
        value = union(
            *(args[i] for i in spec.args if i < len(args)),
            *(kwargs[k] for k in spec.kwargs if k in kwargs),
            receiver if spec.receiver else CLEAN,
        )
        self.sink(value, spec.cwe, spec.what, spec.severity, line)

    def method_sink(self, node: ast.Call, method: str) -> cat.Sink | None:
        """Return the method sink a call on an unknown receiver may be, if any."""
        spec = cat.METHOD_SINKS.get(method)
        if spec is None:
            if method in {"parse", "feed"} and isinstance(node.func, ast.Attribute):
                parser = raw_dotted(node.func.value)
                if parser in self.m.unsafe_parsers:
                    return cat.Sink("CWE-611", f"{parser}.{method}")
            return None
        assert isinstance(node.func, ast.Attribute)
        root = (dotted(node.func.value, self.m.names) or "").split(".")[0]
        if method == "search" and (root in cat.NOT_LDAP or len(node.args) + len(node.keywords) < 2):
            return None
        return spec

    def unsafe_parser_arg(self, node: ast.Call) -> bool:
        """Say whether an lxml parse call is given a parser that resolves entities."""
        parsers = [*node.args[1:], *(k.value for k in node.keywords if k.arg == "parser")]
        for parser in parsers:
            if isinstance(parser, ast.Call) and _unsafe_parser(parser, self.m.names):
                return True
            if raw_dotted(parser) in self.m.unsafe_parsers:
                return True
        return False

    def check_subprocess(
        self, node: ast.Call, qualified: str, args: list[Value], kwargs: dict[str | None, Value]
    ) -> None:
        """Check a subprocess call: any taint under a shell, else a tainted program."""
        line = node.lineno
        shell = qualified in _ALWAYS_SHELL or any(
            k.arg == "shell" and not (isinstance(k.value, ast.Constant) and not k.value.value)
            for k in node.keywords
        )
        command = (
            node.args[0]
            if node.args
            else next((k.value for k in node.keywords if k.arg in {"args", "cmd"}), None)
        )
        if command is None:
            return
        value = args[0] if node.args else kwargs.get("args", kwargs.get("cmd", CLEAN))
        if qualified == "asyncio.create_subprocess_exec":
            self.sink(value, "CWE-78", qualified, "high", line)
            return
        if shell:
            self.sink(value, "CWE-78", f"{qualified}(shell=True)", "high", line)
            return
        listed = command
        raw = raw_dotted(command)
        if raw is not None and raw in self.argv_lists:
            listed = self.argv_lists[raw]
        if not isinstance(listed, ast.List | ast.Tuple):
            self.sink(value, "CWE-78", qualified, "high", line)
            return
        elements = listed.elts
        if not elements:
            return
        program = elements[0]
        self.sink(self.ev(program), "CWE-78", f"{qualified} (the program)", "high", line)
        name = program.value if isinstance(program, ast.Constant) else None
        flags = {e.value for e in elements[1:] if isinstance(e, ast.Constant)}
        if (
            isinstance(name, str)
            and name.rsplit("/", 1)[-1] in cat.SHELLS
            and flags & {"-c", "/c", "-Command"}
        ):
            self.sink(
                union(*(self.ev(e) for e in elements[1:])), "CWE-78", f"{name} -c", "high", line
            )

    def check_return(self, node: ast.expr, value: Value) -> None:
        """A Flask view returning a tainted string renders it as HTML."""
        if not self.route or "flask" not in self.m.frameworks:
            return
        if isinstance(node, ast.Tuple) and node.elts:
            node = node.elts[0]
            value = self.ev(node)
        if isinstance(node, ast.Dict | ast.List | ast.DictComp | ast.ListComp):
            return
        if isinstance(node, ast.Name) and node.id in self.structured:
            return
        if isinstance(node, ast.Call):
            func = node.func
            on_string = isinstance(func, ast.Attribute) and func.attr in _STR_METHODS
            repository = self.summary_for(func, dotted(func, self.m.names) or "") is not None
            if not (on_string or repository):
                return
        self.sink(value, "CWE-79", "the HTML a Flask view returns", "medium", node.lineno)


def _unsafe_parser(call: ast.Call, names: dict[str, str]) -> bool:
    """Say whether ``call`` builds an lxml parser that resolves external entities."""
    if dotted(call.func, names) not in {"lxml.etree.XMLParser", "lxml.etree.XMLPullParser"}:
        return False
    for keyword in call.keywords:
        value = keyword.value.value if isinstance(keyword.value, ast.Constant) else None
        if keyword.arg == "resolve_entities" and value is True:
            return True
        if keyword.arg == "no_network" and value is False:
            return True
    return False


def _safe_yaml(call: ast.Call, names: dict[str, str]) -> bool:
    loader = call.args[1] if len(call.args) > 1 else None
    for keyword in call.keywords:
        if keyword.arg == "Loader":
            loader = keyword.value
    if loader is None:
        return False
    name = (dotted(loader, names) or "").rsplit(".", 1)[-1]
    return name in _SAFE_YAML


def _not_html(call: ast.Call) -> bool:
    for keyword in call.keywords:
        if keyword.arg in {"mimetype", "content_type", "media_type"}:
            value = keyword.value
            return isinstance(value, ast.Constant) and "html" not in str(value.value)
    return False
