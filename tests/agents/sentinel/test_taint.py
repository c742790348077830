"""The taint analysis: sources, propagation, sanitisers, sinks and summaries."""

from __future__ import annotations

import textwrap

import pytest

from pace_app.agents.sentinel.taint.project import analyse
from pace_app.domain.findings import Finding


def flows(source: str, path: str = "app.py", **others: str) -> list[Finding]:
    """Analyse one module (and more, by path) and return its flows."""
    texts = {path: textwrap.dedent(source)}
    texts |= {name.replace("__", "/") + ".py": textwrap.dedent(t) for name, t in others.items()}
    return analyse(texts).findings


def cwes(source: str) -> list[tuple[int | None, str | None]]:
    """Return (line, CWE) of each flow in ``source``."""
    return sorted((f.line, f.cwe) for f in flows(source))


FLASK = "from flask import Flask, request, redirect, session\napp = Flask(__name__)\n"


@pytest.mark.parametrize(
    "expression",
    [
        'request.args.get("q")',
        'request.form["q"]',
        "request.get_json()['q']",
        'request.cookies.get("q")',
        'request.headers["X-Q"]',
        "request.data.decode()",
        'request.files["f"].filename',
    ],
)
def test_flask_request_data_is_a_source(expression: str) -> None:
    code = FLASK + f"@app.route('/')\ndef v():\n    import os\n    os.system('x ' + {expression})\n"
    assert cwes(code) == [(6, "CWE-78")]


def test_django_fastapi_argv_environment_and_input_are_sources() -> None:
    django = (
        "import os\nfrom django.http import HttpResponse\n"
        "def v(request):\n    os.system(request.GET['c'])\n"
    )
    fastapi = (
        "import os\nfrom fastapi import FastAPI, Request, Depends\napp = FastAPI()\n"
        "@app.get('/a')\ndef a(cmd: str, n: int, db=Depends(object)):\n    os.system(cmd)\n"
        "    os.system(str(n))\n    os.system(db)\n"
        "@app.post('/b')\nasync def b(req: Request):\n"
        "    body = await req.json()\n    eval(body['x'])\n"
    )
    script = "import os, sys\nos.system(sys.argv[1])\neval(input())\nos.popen(os.environ['X'])\n"
    assert cwes(django) == [(4, "CWE-78")]
    assert cwes(fastapi) == [(6, "CWE-78"), (12, "CWE-94")]
    found = flows(script)
    assert sorted((f.line, f.confidence) for f in found) == [
        (2, "medium"),
        (3, "medium"),
        (4, "medium"),
    ]


def test_string_building_containers_and_loops_carry_taint() -> None:
    code = FLASK + textwrap.dedent(
        """\
        import sqlite3
        @app.route("/")
        def v():
            name = request.args["n"]
            parts = []
            parts.append(name)
            where = " AND ".join(parts)
            q1 = "SELECT * FROM t WHERE %s" % where
            q2 = "SELECT {} FROM t".format(name)
            q3 = f"SELECT {name}"
            row = {"k": name}
            for value in row.values():
                q4 = "x" + value
            db = sqlite3.connect("a")
            db.execute(q1)
            db.execute(q2)
            db.execute(q3)
            db.execute(q4)
            db.execute("SELECT ?", (name,))
            return "ok"
        """
    )
    assert cwes(code) == [(17, "CWE-89"), (18, "CWE-89"), (19, "CWE-89"), (20, "CWE-89")]


def test_summaries_follow_returns_and_sinks_across_modules() -> None:
    helpers = """\
        import os
        def tidy(value):
            return value.strip()
        def run(command):
            os.system(command)
        def safe(value):
            return "constant"
    """
    views = """\
        from flask import request
        from app.helpers import run, tidy, safe
        from . import helpers
        @app.route("/")
        def v():
            run(tidy(request.args["c"]))
            run(safe(request.args["c"]))
            helpers.run(request.args["d"])
            return "ok"
    """
    found = flows(views, "app/views.py", app__helpers=helpers)
    assert [(f.path, f.line) for f in found] == [("app/helpers.py", 5)]
    trace = [(s.path, s.line, s.note) for s in found[0].trace]
    assert trace[0] == ("app/views.py", 6, "source: request.args")
    assert ("app/views.py", 6, "passed to run()") in trace
    assert trace[-1] == ("app/helpers.py", 5, "sink: os.system (CWE-78)")


def test_methods_and_module_globals() -> None:
    code = FLASK + textwrap.dedent(
        """\
        import os, sys
        TARGET = sys.argv[1]
        class Jobs:
            def start(self):
                self.run(request.args["j"])
            def run(self, job):
                os.system(job)
        def later():
            os.system(TARGET)
        """
    )
    assert cwes(code) == [(9, "CWE-78"), (11, "CWE-78")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("os.system('ls ' + shlex.quote(v))", []),
        ("os.system('ls ' + str(int(v)))", []),
        ("subprocess.run(['ls', v])", []),
        ("subprocess.run([v, '-l'])", ["CWE-78"]),
        ("subprocess.run(['bash', '-c', 'ls ' + v])", ["CWE-78"]),
        ("subprocess.run('ls ' + v, shell=True)", ["CWE-78"]),
        ("subprocess.run('ls', shell=True)", []),
        ("return escape(v)", []),
        ("return html.escape(v)", []),
        ("return v", ["CWE-79"]),
        ("return {'v': v}", []),
        ("return redirect(v)", ["CWE-601"]),
        ("return redirect(url_for('home', next=v))", []),
        ("session['u'] = v", ["CWE-501"]),
        ("session['u'] = v if v in {'a', 'b'} else 'a'", []),
        ("requests.get(v)", ["CWE-918"]),
        ("requests.get('https://api.example.org/' + v)", ["CWE-918"]),
        ("yaml.load(v, Loader=yaml.SafeLoader)", []),
        ("yaml.load(v, Loader=yaml.Loader)", ["CWE-502"]),
        ("pickle.loads(v)", ["CWE-502"]),
        ("os.system(PRESETS.get(v, 'true'))", []),
        ("os.system(request.args.to_dict().get('c', 'true'))", ["CWE-78"]),
        ("pickle.loads(pickle.dumps(v))", []),
        ("eval(v)", ["CWE-94"]),
        ("ast.literal_eval(v)", []),
        ("open(os.path.join('/srv', v))", ["CWE-22"]),
        ("open(os.path.join('/srv', os.path.basename(v)))", []),
        ("open(os.path.join('/srv', secure_filename(v)))", []),
        ("tree.xpath('//u[@n=$n]', n=v)", []),
        ('tree.xpath("//u[@n=\'" + v + "\']")', ["CWE-643"]),
        ("conn.search_s('dc=x', 2, '(uid=' + v + ')')", ["CWE-90"]),
        ("conn.search_s('dc=x', 2, '(uid=' + escape_filter_chars(v) + ')')", []),
        ("re.compile('a').search(v)", []),
        ("etree.fromstring(v, etree.XMLParser(resolve_entities=True))", ["CWE-611"]),
        ("etree.fromstring(v)", []),
    ],
)
def test_sinks_and_sanitisers(body: str, expected: list[str]) -> None:
    code = FLASK + textwrap.dedent(
        """\
        import ast, html, os, pickle, re, shlex, subprocess, requests, yaml
        from lxml import etree
        from markupsafe import escape
        from flask import url_for
        from werkzeug.utils import secure_filename
        from ldap.filter import escape_filter_chars
        @app.route("/")
        def view():
            v = request.args["v"]
            BODY
            return "ok"
        """
    ).replace("BODY", body)
    assert [f.cwe for f in flows(code)] == expected


@pytest.mark.parametrize(
    ("guard", "expected"),
    [
        ("if v not in ALLOWED:\n        abort(400)", []),
        ("if v not in ('a', 'b'):\n        return 'no'", []),
        ("if not v.isalnum():\n        raise ValueError(v)", []),
        ("if not re.fullmatch(r'[a-z]+', v):\n        return 'no'", []),
        ("if not is_safe(v):\n        return 'no'", []),
        ("if v == '':\n        return 'no'", ["CWE-78"]),
        ("if v in user_values:\n        return 'no'", ["CWE-78"]),
        ("if v.startswith('-'):\n        return 'no'", ["CWE-78"]),
    ],
)
def test_guards_that_leave_early_clean_the_rest(guard: str, expected: list[str]) -> None:
    code = FLASK + textwrap.dedent(
        """\
        import os, re
        from flask import abort
        ALLOWED = {"a", "b"}
        @app.route("/")
        def view():
            v = request.args["v"]
            user_values = request.args.getlist("u")
            GUARD
            os.system("run " + v)
            return "ok"
        """
    ).replace("GUARD", guard)
    assert [f.cwe for f in flows(code)] == expected


def test_containment_needs_normalisation_first() -> None:
    template = FLASK + textwrap.dedent(
        """\
        import os
        @app.route("/")
        def view():
            p = MAKE
            if not p.startswith("/srv/"):
                return "no"
            open(p)
            return "ok"
        """
    )
    plain = template.replace("MAKE", "os.path.join('/srv', request.args['f'])")
    normal = template.replace("MAKE", "os.path.realpath(os.path.join('/srv', request.args['f']))")
    assert [f.cwe for f in flows(plain)] == ["CWE-22"]
    assert flows(normal) == []


def test_redirect_checks_by_host() -> None:
    template = FLASK + textwrap.dedent(
        """\
        from urllib.parse import urlparse
        @app.route("/")
        def view():
            target = request.args["next"]
            CHECK
            return redirect(target)
        """
    )
    checked = template.replace(
        "CHECK", "if urlparse(target).netloc not in {'example.org'}:\n        return 'no'"
    )
    pinned = template.replace(
        "CHECK", "if not target.startswith('https://example.org/'):\n        return 'no'"
    )
    loose = template.replace("CHECK", "if not target.startswith('http'):\n        return 'no'")
    assert flows(checked) == []
    assert flows(pinned) == []
    assert [f.cwe for f in flows(loose)] == ["CWE-601"]


def test_a_file_that_does_not_parse_is_reported_not_skipped() -> None:
    result = analyse({"bad.py": "def broken(:\n", "notes.txt": "x"})
    assert result.findings == []
    assert list(result.not_parsed) == ["bad.py"]
    assert "line 1" in result.not_parsed["bad.py"]


def test_a_finding_names_its_rule_cwe_confidence_and_anchor() -> None:
    [found] = flows(FLASK + "@app.get('/')\ndef v():\n    eval(request.args['x'])\n")
    assert (found.rule, found.cwe, found.confidence, found.severity) == (
        "taint/CWE-94",
        "CWE-94",
        "high",
        "critical",
    )
    assert found.anchor == "    eval(request.args['x'])"
    assert found.category == "code-injection"
    assert "request.args" in found.message
