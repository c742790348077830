"""Write the labelled SENTINEL corpus: vulnerable and safe look-alike web handlers.

Each of the 14 categories has templates for vulnerable code and for safe code that
looks the same (the sanitiser, the allowlist or the parameter that makes it safe); the
generator varies the framework (Flask, Django, FastAPI, a command-line script), where
the input comes from, the names, and whether the dangerous call sits in a helper
function. The output is committed under ``tests/sentinel_corpus/`` with ``labels.csv``.

    uv run python bench/sentinel_corpus_cases.py [--out tests/sentinel_corpus] [--per 24]
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Snip:
    """One handler's body: imports, module-level lines, body lines and the return."""

    imports: list[str] = field(default_factory=list)
    module: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    ret: str | None = None
    movable: bool = True


Template = Callable[[str, str, random.Random], Snip]
KEYS = ["name", "q", "item", "user", "target", "path", "term", "value", "host", "doc", "ref"]
VARS = ["value", "user_input", "raw", "param", "arg", "data", "text", "given", "incoming", "field"]


def flask_source(key: str, rnd: random.Random) -> str:
    """Return a Flask expression for client data."""
    return rnd.choice(
        [
            f'request.args.get("{key}", "")',
            f'request.form.get("{key}", "")',
            f'request.values.get("{key}", "")',
            f'request.cookies.get("{key}", "")',
            f'request.headers.get("X-{key.title()}", "")',
            f'(request.get_json(silent=True) or {{}}).get("{key}", "")',
            f'request.args["{key}"]',
        ]
    )


def django_source(key: str, rnd: random.Random) -> str:
    """Return a Django expression for client data."""
    return rnd.choice(
        [
            f'request.GET.get("{key}", "")',
            f'request.POST.get("{key}", "")',
            f'request.COOKIES.get("{key}", "")',
            f'request.META.get("HTTP_X_{key.upper()}", "")',
            f'request.GET["{key}"]',
        ]
    )


def cli_source(key: str, rnd: random.Random) -> str:
    """Return a script's expression for outside data."""
    return rnd.choice(
        ["sys.argv[1]", f'input("{key}: ")', f'os.environ.get("APP_{key.upper()}", "")']
    )


# --- command injection -----------------------------------------------------------------


def cmd_vuln(v: str, fw: str, rnd: random.Random) -> Snip:
    """Shell commands built from input."""
    host = rnd.choice(["ping -c 1", "nslookup", "host", "dig +short", "whois"])
    return rnd.choice(
        [
            Snip(["import os"], body=[f'os.system("{host} " + {v})']),
            Snip(
                ["import subprocess"],
                body=[f'out = subprocess.check_output(f"{host} {{{v}}}", shell=True)'],
            ),
            Snip(
                ["import subprocess"],
                body=[
                    f'cmd = "tar -czf /tmp/backup.tgz %s" % {v}',
                    "subprocess.call(cmd, shell=True)",
                ],
            ),
            Snip(
                ["import os"],
                body=[
                    f'stream = os.popen("grep -r {{}} /var/log/app".format({v}))',
                    "lines = stream.read()",
                ],
            ),
            Snip(
                ["import subprocess"],
                body=[f'subprocess.run(["sh", "-c", "convert " + {v} + " out.png"])'],
            ),
            Snip(
                ["import subprocess"],
                body=[
                    f"proc = subprocess.Popen({v}, shell=True, stdout=subprocess.PIPE)",
                    "proc.communicate()",
                ],
            ),
            Snip(
                ["import subprocess"], body=[f"parts = [{v}, '--version']", "subprocess.run(parts)"]
            ),
            Snip(
                ["import subprocess"],
                body=[
                    f'command = " ".join(["ls", "-la", {v}])',
                    "subprocess.run(command, shell=True, check=False)",
                ],
            ),
        ]
    )


def cmd_safe(v: str, fw: str, rnd: random.Random) -> Snip:
    """Look-alikes: quoting, argv lists, allowlists, constant commands."""
    return rnd.choice(
        [
            Snip(
                ["import os", "import shlex"], body=[f'os.system("ping -c 1 " + shlex.quote({v}))']
            ),
            Snip(
                ["import subprocess"],
                body=[f'subprocess.run(["ping", "-c", "1", {v}], check=False)'],
            ),
            Snip(["import subprocess"], body=['subprocess.run("df -h /var/lib", shell=True)']),
            Snip(
                ["import subprocess"],
                module=['TOOLS = {"uptime": "uptime", "disk": "df -h"}'],
                body=[
                    f"if {v} not in TOOLS:",
                    '    return "unknown tool"',
                    f"subprocess.run(TOOLS[{v}], shell=True)",
                ],
                movable=False,
            ),
            Snip(
                ["import subprocess"],
                body=[
                    f"count = int({v})",
                    'subprocess.run(f"ping -c {count} localhost", shell=True)',
                ],
            ),
            Snip(
                ["import subprocess", "import shlex"],
                body=[
                    f'cmd = "grep -c " + shlex.quote({v}) + " /var/log/syslog"',
                    "subprocess.check_output(cmd, shell=True)",
                ],
            ),
            Snip(["import os"], body=['os.system("logrotate /etc/logrotate.conf")', f"print({v})"]),
            Snip(
                ["import subprocess"],
                body=[
                    f'subprocess.Popen(["git", "log", "--author", {v}], stdout=subprocess.PIPE).communicate()'
                ],
            ),
        ]
    )


# --- code injection --------------------------------------------------------------------


def code_vuln(v: str, fw: str, rnd: random.Random) -> Snip:
    """Input evaluated as Python."""
    return rnd.choice(
        [
            Snip(body=[f"result = eval({v})"]),
            Snip(body=[f'result = eval("2 * " + {v})']),
            Snip(body=[f"exec({v})"]),
            Snip(body=[f'exec(f"total = {{{v}}}")']),
            Snip(body=[f'code = compile({v}, "<input>", "exec")', "exec(code)"]),
            Snip(body=[f'expr = "{{}} + 1".format({v})', "answer = eval(expr, {})"]),
        ]
    )


def code_safe(v: str, fw: str, rnd: random.Random) -> Snip:
    """Look-alikes: literal_eval, constants, numbers."""
    return rnd.choice(
        [
            Snip(["import ast"], body=[f"result = ast.literal_eval({v})"]),
            Snip(body=['result = eval("2 * 21")', f"print({v})"]),
            Snip(body=[f"result = eval(str(int({v})) + ' * 2')"]),
            Snip(["import json"], body=[f"result = json.loads({v})"]),
            Snip(
                module=['OPS = {"double": "x * 2", "square": "x ** 2"}'],
                body=[f"if {v} in OPS:", f"    result = eval(OPS[{v}], {{'x': 3}})"],
            ),
            Snip(body=['exec("import this")', f"label = {v}.strip()"]),
        ]
    )


# --- deserialisation -------------------------------------------------------------------


def deser_vuln(v: str, fw: str, rnd: random.Random) -> Snip:
    """Untrusted bytes given to an unsafe loader."""
    return rnd.choice(
        [
            Snip(
                ["import pickle", "import base64"],
                body=[f"obj = pickle.loads(base64.b64decode({v}))"],
            ),
            Snip(["import yaml"], body=[f"config = yaml.load({v}, Loader=yaml.Loader)"]),
            Snip(["import yaml"], body=[f"config = yaml.unsafe_load({v})"]),
            Snip(
                ["import marshal", "import binascii"],
                body=[f"code = marshal.loads(binascii.unhexlify({v}))"],
            ),
            Snip(
                ["import pickle"],
                body=[f"blob = {v}.encode('latin-1')", "state = pickle.loads(blob)"],
            ),
            Snip(
                ["import yaml"], body=[f"docs = list(yaml.load_all({v}, Loader=yaml.FullLoader))"]
            ),
            Snip(["import jsonpickle"], body=[f"restored = jsonpickle.decode({v})"]),
        ]
    )


def deser_safe(v: str, fw: str, rnd: random.Random) -> Snip:
    """Look-alikes: json, safe loaders, pickles the server made itself."""
    return rnd.choice(
        [
            Snip(["import json"], body=[f"obj = json.loads({v})"]),
            Snip(["import yaml"], body=[f"config = yaml.safe_load({v})"]),
            Snip(["import yaml"], body=[f"config = yaml.load({v}, Loader=yaml.SafeLoader)"]),
            Snip(
                ["import pickle"],
                body=[
                    f"snapshot = pickle.dumps({{'query': {v}}})",
                    "copy = pickle.loads(snapshot)",
                ],
            ),
            Snip(
                ["import pickle"],
                body=[
                    'with open("/srv/cache/model.pkl", "rb") as fh:',
                    "    model = pickle.load(fh)",
                    f"print({v})",
                ],
            ),
            Snip(["import yaml"], body=[f"docs = list(yaml.safe_load_all({v}))"]),
        ]
    )


# --- weak hashing ----------------------------------------------------------------------


def hash_vuln(v: str, fw: str, rnd: random.Random) -> Snip:
    """Passwords and tokens hashed with broken functions."""
    return rnd.choice(
        [
            Snip(["import hashlib"], body=[f"digest = hashlib.md5({v}.encode()).hexdigest()"]),
            Snip(
                ["import hashlib"], body=[f"digest = hashlib.sha1({v}.encode('utf-8')).hexdigest()"]
            ),
            Snip(
                ["import hashlib"],
                body=[
                    'hasher = hashlib.new("md5")',
                    f"hasher.update({v}.encode())",
                    "digest = hasher.hexdigest()",
                ],
            ),
            Snip(
                ["import hashlib"],
                body=[f'password_hash = hashlib.sha1(("salt" + {v}).encode()).digest()'],
            ),
            Snip(["from hashlib import md5"], body=[f"token = md5({v}.encode()).hexdigest()"]),
            Snip(
                ["import hashlib"],
                body=['h = hashlib.new("sha1", usedforsecurity=True)', f"h.update({v}.encode())"],
            ),
        ]
    )


def hash_safe(v: str, fw: str, rnd: random.Random) -> Snip:
    """Look-alikes: SHA-2/3, BLAKE2, key derivation, non-security MD5."""
    return rnd.choice(
        [
            Snip(["import hashlib"], body=[f"digest = hashlib.sha256({v}.encode()).hexdigest()"]),
            Snip(
                ["import hashlib"],
                body=[f"digest = hashlib.sha3_256({v}.encode('utf-8')).hexdigest()"],
            ),
            Snip(
                ["import hashlib"],
                body=['hasher = hashlib.new("sha512")', f"hasher.update({v}.encode())"],
            ),
            Snip(
                ["import hashlib", "import os"],
                body=[
                    "salt = os.urandom(16)",
                    f'key = hashlib.pbkdf2_hmac("sha256", {v}.encode(), salt, 600_000)',
                ],
            ),
            Snip(
                ["import hashlib"],
                body=[f"etag = hashlib.md5({v}.encode(), usedforsecurity=False).hexdigest()"],
            ),
            Snip(
                ["import hashlib"],
                body=[f"digest = hashlib.blake2b({v}.encode(), digest_size=32).hexdigest()"],
            ),
        ]
    )


# --- LDAP injection --------------------------------------------------------------------


def ldap_vuln(v: str, fw: str, rnd: random.Random) -> Snip:
    """Directory filters built from input."""
    return rnd.choice(
        [
            Snip(
                ["import ldap"],
                body=[
                    'conn = ldap.initialize("ldap://ldap.internal")',
                    f'found = conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + {v} + ")")',
                ],
            ),
            Snip(
                ["from ldap3 import Connection, Server"],
                body=[
                    'conn = Connection(Server("ldap.internal"), auto_bind=True)',
                    f'conn.search("dc=example,dc=org", f"(&(objectClass=person)(cn={{{v}}}))")',
                ],
            ),
            Snip(
                ["import ldap"],
                body=[
                    'directory = ldap.initialize("ldap://ldap.internal")',
                    f'query = "(mail=%s)" % {v}',
                    'directory.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, query)',
                ],
            ),
            Snip(
                ["from ldap3 import Connection, Server, SUBTREE"],
                body=[
                    'conn = Connection(Server("ldap.internal"))',
                    f'conn.search(search_base="dc=corp", search_filter="(sAMAccountName={{}})".format({v}), search_scope=SUBTREE)',
                ],
            ),
            Snip(
                ["from ldap3 import Connection, Server"],
                body=[
                    'conn = Connection(Server("ldap.internal"), auto_bind=True)',
                    f'conn.search(f"ou={{{v}}},dc=example,dc=org", "(objectClass=*)")',
                ],
            ),
        ]
    )


def ldap_safe(v: str, fw: str, rnd: random.Random) -> Snip:
    """Look-alikes: escaped filters, constants, allowlisted values."""
    return rnd.choice(
        [
            Snip(
                ["import ldap", "from ldap.filter import escape_filter_chars"],
                body=[
                    'conn = ldap.initialize("ldap://ldap.internal")',
                    f'conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + escape_filter_chars({v}) + ")")',
                ],
            ),
            Snip(
                [
                    "from ldap3 import Connection, Server",
                    "from ldap3.utils.conv import escape_filter_chars",
                ],
                body=[
                    'conn = Connection(Server("ldap.internal"), auto_bind=True)',
                    f"safe = escape_filter_chars({v})",
                    'conn.search("dc=example,dc=org", f"(&(objectClass=person)(cn={safe}))")',
                ],
            ),
            Snip(
                ["import ldap"],
                body=[
                    'conn = ldap.initialize("ldap://ldap.internal")',
                    'conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, "(objectClass=group)")',
                    f"print({v})",
                ],
            ),
            Snip(
                ["import ldap", "import ldap.filter"],
                body=[
                    'conn = ldap.initialize("ldap://ldap.internal")',
                    f'query = ldap.filter.filter_format("(mail=%s)", [{v}])',
                    'conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, query)',
                ],
            ),
            Snip(
                ["from ldap3 import Connection, Server"],
                module=['DEPARTMENTS = ("sales", "engineering", "support")'],
                body=[
                    f"if {v} not in DEPARTMENTS:",
                    '    return "unknown department"',
                    'conn = Connection(Server("ldap.internal"), auto_bind=True)',
                    f'conn.search(f"ou={{{v}}},dc=example,dc=org", "(objectClass=*)")',
                ],
                movable=False,
            ),
        ]
    )


# --- path traversal --------------------------------------------------------------------


def path_vuln(v: str, fw: str, rnd: random.Random) -> Snip:
    """Files opened at paths built from input."""
    return rnd.choice(
        [
            Snip(
                ["import os"],
                body=[
                    f'full = os.path.join("/srv/uploads", {v})',
                    "with open(full) as fh:",
                    "    content = fh.read()",
                ],
            ),
            Snip(
                body=[
                    f'with open("/var/www/static/" + {v}, "rb") as fh:',
                    "    content = fh.read()",
                ]
            ),
            Snip(
                ["from pathlib import Path"],
                body=[f'content = (Path("/srv/reports") / {v}).read_text()'],
            ),
            Snip(["import os"], body=[f'os.remove(os.path.join("/tmp/cache", {v}))']),
            Snip(
                ["import os"],
                body=[
                    f'target = os.path.abspath(os.path.join("/srv/data", {v}))',
                    "with open(target) as fh:",
                    "    content = fh.read()",
                ],
            ),
            Snip(["import shutil"], body=[f'shutil.copy(f"/srv/templates/{{{v}}}", "/tmp/work")']),
            Snip(
                ["import os"],
                body=[
                    f'base = "/srv/files"',
                    f'path = base + "/" + {v}',
                    "if not path.startswith(base):",
                    '    return "denied"',
                    "with open(path) as fh:",
                    "    content = fh.read()",
                ],
                movable=False,
            ),
        ]
    )


def path_safe(v: str, fw: str, rnd: random.Random) -> Snip:
    """Look-alikes: basename, secure_filename, normalise-then-contain."""
    return rnd.choice(
        [
            Snip(
                ["import os"],
                body=[
                    f'full = os.path.join("/srv/uploads", os.path.basename({v}))',
                    "with open(full) as fh:",
                    "    content = fh.read()",
                ],
            ),
            Snip(
                ["import os", "from werkzeug.utils import secure_filename"],
                body=[
                    f"name = secure_filename({v})",
                    'with open(os.path.join("/var/www/static", name), "rb") as fh:',
                    "    content = fh.read()",
                ],
            ),
            Snip(
                ["import os"],
                body=[
                    'base = "/srv/data"',
                    f"target = os.path.realpath(os.path.join(base, {v}))",
                    "if not target.startswith(base + os.sep):",
                    '    return "denied"',
                    "with open(target) as fh:",
                    "    content = fh.read()",
                ],
                movable=False,
            ),
            Snip(
                ["from pathlib import Path"],
                body=[
                    'root = Path("/srv/reports").resolve()',
                    f"wanted = (root / {v}).resolve()",
                    "if not wanted.is_relative_to(root):",
                    '    return "denied"',
                    "content = wanted.read_text()",
                ],
                movable=False,
            ),
            Snip(
                ["import os"],
                module=['REPORTS = {"daily": "daily.csv", "weekly": "weekly.csv"}'],
                body=[
                    f"if {v} not in REPORTS:",
                    '    return "unknown report"',
                    'with open(os.path.join("/srv/reports", REPORTS[' + v + "])) as fh:",
                    "    content = fh.read()",
                ],
                movable=False,
            ),
            Snip(
                body=[
                    'with open("/etc/app/motd.txt") as fh:',
                    "    content = fh.read()",
                    f"print({v})",
                ]
            ),
            Snip(
                ["import os"],
                body=[
                    'base = os.path.realpath("/srv/files")',
                    f"path = os.path.normpath(os.path.join(base, {v}))",
                    "if os.path.commonpath([base, path]) != base:",
                    '    return "denied"',
                    "with open(path) as fh:",
                    "    content = fh.read()",
                ],
                movable=False,
            ),
        ]
    )


# --- open redirect ---------------------------------------------------------------------


def redirect_fn(fw: str) -> tuple[list[str], str]:
    """Return the import and the redirect call name for a framework."""
    if fw == "django":
        return ["from django.shortcuts import redirect"], "redirect"
    if fw == "fastapi":
        return ["from fastapi.responses import RedirectResponse"], "RedirectResponse"
    return ["from flask import redirect"], "redirect"


def redirect_vuln(v: str, fw: str, rnd: random.Random) -> Snip:
    """Redirects to a URL the client chose."""
    imports, fn = redirect_fn(fw)
    return rnd.choice(
        [
            Snip(imports, ret=f"{fn}({v})", movable=False),
            Snip(imports, body=[f'target = {v} or "/"'], ret=f"{fn}(target)", movable=False),
            Snip(
                imports,
                body=[f'destination = "https://" + {v}'],
                ret=f"{fn}(destination)",
                movable=False,
            ),
            Snip(
                imports,
                body=[f'if {v}.startswith("http"):', f"    return {fn}({v})"],
                ret=f'{fn}("/")',
                movable=False,
            ),
            Snip(
                imports,
                body=[f'next_url = f"{{{v}}}?welcome=1"'],
                ret=f"{fn}(next_url)",
                movable=False,
            ),
        ]
    )


def redirect_safe(v: str, fw: str, rnd: random.Random) -> Snip:
    """Look-alikes: allowlisted targets, host checks, local routes."""
    imports, fn = redirect_fn(fw)
    parse = "from urllib.parse import urlparse"
    return rnd.choice(
        [
            Snip(
                imports,
                module=['ALLOWED = {"/", "/home", "/account"}'],
                body=[f"if {v} not in ALLOWED:", f'    return {fn}("/")'],
                ret=f"{fn}({v})",
                movable=False,
            ),
            Snip(
                [*imports, parse],
                body=[f"if urlparse({v}).netloc:", f'    return {fn}("/")'],
                ret=f"{fn}({v})",
                movable=False,
            ),
            Snip(imports, ret=f'{fn}("/dashboard")', body=[f"print({v})"], movable=False),
            Snip(
                [*imports, parse],
                module=['TRUSTED_HOSTS = {"example.org", "www.example.org"}'],
                body=[f"if urlparse({v}).netloc not in TRUSTED_HOSTS:", f'    return {fn}("/")'],
                ret=f"{fn}({v})",
                movable=False,
            ),
            Snip(
                imports,
                body=[f'target = {v} if {v} in ("/", "/settings") else "/"'],
                ret=f"{fn}(target)",
                movable=False,
            ),
        ]
    )


# --- insecure cookie -------------------------------------------------------------------


def cookie_snip(fw: str, v: str, flags: str, rnd: random.Random) -> Snip:
    """Set a cookie on a framework's response with the given flags."""
    name = rnd.choice(["session_id", "remember", "prefs", "auth", "cart"])
    if fw == "django":
        return Snip(
            ["from django.http import HttpResponse"],
            body=['response = HttpResponse("ok")', f'response.set_cookie("{name}", {v}{flags})'],
            ret="response",
            movable=False,
        )
    if fw == "fastapi":
        return Snip(
            ["from fastapi.responses import JSONResponse"],
            body=[
                'response = JSONResponse({"ok": True})',
                f'response.set_cookie("{name}", {v}{flags})',
            ],
            ret="response",
            movable=False,
        )
    return Snip(
        ["from flask import make_response"],
        body=['response = make_response("ok")', f'response.set_cookie("{name}", {v}{flags})'],
        ret="response",
        movable=False,
    )


def cookie_vuln(v: str, fw: str, rnd: random.Random) -> Snip:
    """Cookies without the secure or httponly flag."""
    flags = rnd.choice(
        [
            ", secure=False",
            ", httponly=False",
            ", secure=False, httponly=True",
            ", max_age=3600, secure=False",
            ", httponly=False, secure=True",
            ', samesite="None"',
        ]
    )
    return cookie_snip(fw, v, flags, rnd)


def cookie_safe(v: str, fw: str, rnd: random.Random) -> Snip:
    """Look-alikes: both flags set."""
    flags = rnd.choice(
        [
            ", secure=True, httponly=True",
            ', secure=True, httponly=True, samesite="Lax"',
            ", max_age=3600, secure=True, httponly=True",
            ', httponly=True, secure=True, samesite="Strict"',
        ]
    )
    return cookie_snip(fw, v, flags, rnd)


# --- SQL injection ---------------------------------------------------------------------


def sql_vuln(v: str, fw: str, rnd: random.Random) -> Snip:
    """Queries built with string formatting."""
    table = rnd.choice(["users", "orders", "products", "accounts"])
    return rnd.choice(
        [
            Snip(
                ["import sqlite3"],
                body=[
                    'conn = sqlite3.connect("app.db")',
                    f'rows = conn.execute("SELECT * FROM {table} WHERE name = \'" + {v} + "\'").fetchall()',
                ],
            ),
            Snip(
                ["import sqlite3"],
                body=[
                    'cur = sqlite3.connect("app.db").cursor()',
                    f"cur.execute(f\"SELECT id FROM {table} WHERE owner = '{{{v}}}'\")",
                ],
            ),
            Snip(
                ["import sqlite3"],
                body=[
                    'db = sqlite3.connect("app.db")',
                    f'query = "DELETE FROM {table} WHERE id = %s" % {v}',
                    "db.execute(query)",
                ],
            ),
            Snip(
                ["from sqlalchemy import create_engine, text"],
                body=[
                    'engine = create_engine("sqlite:///app.db")',
                    "with engine.connect() as conn:",
                    f"    conn.execute(text(\"SELECT * FROM {table} WHERE sku = '{{}}'\".format({v})))",
                ],
            ),
            Snip(
                ["import sqlite3"],
                body=[
                    'cur = sqlite3.connect("app.db").cursor()',
                    f'cur.execute("SELECT * FROM {table} ORDER BY " + {v})',
                ],
            ),
            Snip(
                ["import sqlite3"],
                body=[
                    'conn = sqlite3.connect("app.db")',
                    f'clauses = ["name LIKE \'%" + {v} + "%\'"]',
                    f'conn.execute("SELECT * FROM {table} WHERE " + " AND ".join(clauses))',
                ],
            ),
        ]
    )


def sql_safe(v: str, fw: str, rnd: random.Random) -> Snip:
    """Look-alikes: parameters, numbers, allowlisted identifiers."""
    table = rnd.choice(["users", "orders", "products", "accounts"])
    return rnd.choice(
        [
            Snip(
                ["import sqlite3"],
                body=[
                    'conn = sqlite3.connect("app.db")',
                    f'rows = conn.execute("SELECT * FROM {table} WHERE name = ?", ({v},)).fetchall()',
                ],
            ),
            Snip(
                ["import sqlite3"],
                body=[
                    'cur = sqlite3.connect("app.db").cursor()',
                    f'cur.execute("SELECT id FROM {table} WHERE owner = :owner", {{"owner": {v}}})',
                ],
            ),
            Snip(
                ["import sqlite3"],
                body=[
                    'db = sqlite3.connect("app.db")',
                    f'query = "DELETE FROM {table} WHERE id = %d" % int({v})',
                    "db.execute(query)",
                ],
            ),
            Snip(
                ["from sqlalchemy import create_engine, text"],
                body=[
                    'engine = create_engine("sqlite:///app.db")',
                    "with engine.connect() as conn:",
                    f'    conn.execute(text("SELECT * FROM {table} WHERE sku = :sku"), {{"sku": {v}}})',
                ],
            ),
            Snip(
                ["import sqlite3"],
                module=['SORTABLE = {"name", "created", "price"}'],
                body=[
                    f'column = {v} if {v} in SORTABLE else "name"',
                    'cur = sqlite3.connect("app.db").cursor()',
                    f'cur.execute("SELECT * FROM {table} ORDER BY " + column)',
                ],
            ),
            Snip(
                ["import sqlite3"],
                body=[
                    'conn = sqlite3.connect("app.db")',
                    f'conn.execute("SELECT count(*) FROM {table}")',
                    f"print({v})",
                ],
            ),
        ]
    )


# --- trust boundary --------------------------------------------------------------------


def session_target(fw: str) -> tuple[list[str], str]:
    """Return the import and the session object for a framework."""
    if fw == "flask":
        return ["from flask import session"], "session"
    return [], "request.session"


def trust_vuln(v: str, fw: str, rnd: random.Random) -> Snip:
    """Client data stored in the server-side session as if trusted."""
    imports, store = session_target(fw)
    key = rnd.choice(["user", "role", "tenant", "display_name", "cart_owner"])
    return rnd.choice(
        [
            Snip(imports, body=[f'{store}["{key}"] = {v}'], movable=False),
            Snip(imports, body=[f'{store}["{key}"] = {v}.strip().lower()'], movable=False),
            Snip(
                imports,
                body=[
                    f'profile = {{"name": {v}, "verified": False}}',
                    f'{store}["profile"] = profile',
                ],
                movable=False,
            ),
            Snip(imports, body=[f'{store}.update({{"{key}": {v}}})'], movable=False),
            Snip(imports, body=[f'{store}["{key}"] = "guest-" + {v}'], movable=False),
        ]
    )


def trust_safe(v: str, fw: str, rnd: random.Random) -> Snip:
    """Look-alikes: validated, converted or server-made session values."""
    imports, store = session_target(fw)
    return rnd.choice(
        [
            Snip(
                imports,
                module=['ROLES = {"viewer", "editor"}'],
                body=[f"if {v} in ROLES:", f'    {store}["role"] = {v}'],
                movable=False,
            ),
            Snip(imports, body=[f'{store}["page_size"] = int({v})'], movable=False),
            Snip(
                [*imports, "import secrets"],
                body=[f'{store}["csrf"] = secrets.token_hex(16)', f"print({v})"],
                movable=False,
            ),
            Snip(
                [*imports, "import re"],
                body=[f'if re.fullmatch(r"[a-z]{{2}}", {v}):', f'    {store}["lang"] = {v}'],
                movable=False,
            ),
            Snip(
                imports,
                body=[f'{store}["theme"] = {v} if {v} in ("dark", "light") else "light"'],
                movable=False,
            ),
        ]
    )


# --- weak randomness -------------------------------------------------------------------


def random_vuln(v: str, fw: str, rnd: random.Random) -> Snip:
    """Tokens and codes from a predictable generator."""
    return rnd.choice(
        [
            Snip(
                ["import random", "import string"],
                body=['token = "".join(random.choice(string.ascii_letters) for _ in range(32))'],
            ),
            Snip(["import random"], body=["reset_code = random.randint(100000, 999999)"]),
            Snip(["import random"], body=['session_key = "%032x" % random.getrandbits(128)']),
            Snip(
                ["import random"],
                body=["otp = str(int(abs(random.normalvariate(0, 1)) * 1_000_000))"],
            ),
            Snip(["import random"], body=["nonce = random.random()"]),
            Snip(
                ["import random", "import string"],
                body=['api_key = "".join(random.sample(string.hexdigits, 16))'],
            ),
            Snip(["import random"], body=["invite = random.randrange(10**8)"]),
        ]
    )


def random_safe(v: str, fw: str, rnd: random.Random) -> Snip:
    """Look-alikes: the secrets module, SystemRandom, os.urandom."""
    return rnd.choice(
        [
            Snip(
                ["import secrets", "import string"],
                body=['token = "".join(secrets.choice(string.ascii_letters) for _ in range(32))'],
            ),
            Snip(["import secrets"], body=["reset_code = secrets.randbelow(900000) + 100000"]),
            Snip(["import secrets"], body=["session_key = secrets.token_hex(16)"]),
            Snip(["import random"], body=["otp = random.SystemRandom().randint(100000, 999999)"]),
            Snip(["import os"], body=["nonce = os.urandom(16).hex()"]),
            Snip(["import secrets"], body=["api_key = secrets.token_urlsafe(24)"]),
        ]
    )


# --- XPath injection -------------------------------------------------------------------


def xpath_vuln(v: str, fw: str, rnd: random.Random) -> Snip:
    """XPath expressions built from input."""
    load = 'tree = etree.parse("/srv/data/users.xml")'
    return rnd.choice(
        [
            Snip(
                ["from lxml import etree"],
                body=[load, f'nodes = tree.xpath("//user[@name=\'" + {v} + "\']")'],
            ),
            Snip(
                ["from lxml import etree"],
                body=[load, f"nodes = tree.xpath(f\"//account[login='{{{v}}}']/balance/text()\")"],
            ),
            Snip(
                ["from lxml import etree"],
                body=[
                    load,
                    f"finder = etree.XPath(\"//book[title='%s']\" % {v})",
                    "nodes = finder(tree)",
                ],
            ),
            Snip(
                ["from lxml import etree"],
                body=[
                    'root = etree.fromstring(open("/srv/data/catalog.xml", "rb").read())',
                    f"query = \"//item[@sku='{{}}']\".format({v})",
                    "nodes = root.xpath(query)",
                ],
            ),
        ]
    )


def xpath_safe(v: str, fw: str, rnd: random.Random) -> Snip:
    """Look-alikes: XPath variables, constant expressions, allowlists."""
    load = 'tree = etree.parse("/srv/data/users.xml")'
    return rnd.choice(
        [
            Snip(
                ["from lxml import etree"],
                body=[load, f'nodes = tree.xpath("//user[@name=$name]", name={v})'],
            ),
            Snip(
                ["from lxml import etree"],
                body=[load, 'nodes = tree.xpath("//account/balance/text()")', f"print({v})"],
            ),
            Snip(
                ["from lxml import etree"],
                body=[
                    load,
                    'finder = etree.XPath("//book[title=$title]")',
                    f"nodes = finder(tree, title={v})",
                ],
            ),
            Snip(
                ["from lxml import etree"],
                module=['FIELDS = ("title", "author", "year")'],
                body=[
                    f"if {v} not in FIELDS:",
                    '    return "unknown field"',
                    load,
                    f'nodes = tree.xpath("//book/" + {v})',
                ],
                movable=False,
            ),
            Snip(
                ["from lxml import etree"],
                body=[load, f'nodes = tree.xpath("//item[position()=%d]" % int({v}))'],
            ),
        ]
    )


# --- XSS -------------------------------------------------------------------------------


def xss_vuln(v: str, fw: str, rnd: random.Random) -> Snip:
    """Input written into HTML without escaping."""
    if fw == "django":
        return rnd.choice(
            [
                Snip(
                    ["from django.http import HttpResponse"],
                    ret=f'HttpResponse("<h1>Hello " + {v} + "</h1>")',
                    movable=False,
                ),
                Snip(
                    ["from django.http import HttpResponse"],
                    body=[f'html = f"<p>Results for {{{v}}}</p>"'],
                    ret="HttpResponse(html)",
                    movable=False,
                ),
                Snip(
                    [
                        "from django.http import HttpResponse",
                        "from django.utils.safestring import mark_safe",
                    ],
                    body=[f"banner = mark_safe({v})"],
                    ret="HttpResponse(banner)",
                    movable=False,
                ),
            ]
        )
    if fw == "fastapi":
        return rnd.choice(
            [
                Snip(
                    ["from fastapi.responses import HTMLResponse"],
                    ret=f'HTMLResponse(f"<div>{{{v}}}</div>")',
                    movable=False,
                ),
                Snip(
                    ["from fastapi.responses import HTMLResponse"],
                    body=[f'page = "<html><body>" + {v} + "</body></html>"'],
                    ret="HTMLResponse(content=page)",
                    movable=False,
                ),
            ]
        )
    return rnd.choice(
        [
            Snip(ret=f'f"<h1>Hello {{{v}}}</h1>"', movable=False),
            Snip(body=[f'html = "<p>You searched for: %s</p>" % {v}'], ret="html", movable=False),
            Snip(
                ["from flask import make_response"],
                ret=f'make_response("<b>" + {v} + "</b>")',
                movable=False,
            ),
            Snip(
                ["from markupsafe import Markup"],
                body=[f'message = Markup("<em>{{}}</em>".format({v}))'],
                ret="message",
                movable=False,
            ),
            Snip(
                body=[f'rows = "".join(f"<li>{{part}}</li>" for part in {v}.split(","))'],
                ret='"<ul>" + rows + "</ul>"',
                movable=False,
            ),
        ]
    )


def xss_safe(v: str, fw: str, rnd: random.Random) -> Snip:
    """Look-alikes: escaped output, templates, JSON."""
    if fw == "django":
        return rnd.choice(
            [
                Snip(
                    [
                        "from django.http import HttpResponse",
                        "from django.utils.html import escape",
                    ],
                    ret=f'HttpResponse("<h1>Hello " + escape({v}) + "</h1>")',
                    movable=False,
                ),
                Snip(
                    ["from django.http import JsonResponse"],
                    ret=f'JsonResponse({{"query": {v}}})',
                    movable=False,
                ),
                Snip(
                    ["from django.shortcuts import render"],
                    ret=f'render(request, "results.html", {{"query": {v}}})',
                    movable=False,
                ),
            ]
        )
    if fw == "fastapi":
        return rnd.choice(
            [
                Snip(
                    ["import html", "from fastapi.responses import HTMLResponse"],
                    ret=f'HTMLResponse(f"<div>{{html.escape({v})}}</div>")',
                    movable=False,
                ),
                Snip(ret=f'{{"echo": {v}}}', movable=False),
            ]
        )
    return rnd.choice(
        [
            Snip(
                ["from markupsafe import escape"],
                ret=f'f"<h1>Hello {{escape({v})}}</h1>"',
                movable=False,
            ),
            Snip(
                ["from flask import render_template"],
                ret=f'render_template("search.html", query={v})',
                movable=False,
            ),
            Snip(["from flask import jsonify"], ret=f"jsonify(query={v})", movable=False),
            Snip(
                ["import html"],
                body=[f'page = "<p>You searched for: %s</p>" % html.escape({v})'],
                ret="page",
                movable=False,
            ),
            Snip(ret=f'{{"query": {v}, "results": []}}', movable=False),
        ]
    )


# --- XXE -------------------------------------------------------------------------------


def xxe_vuln(v: str, fw: str, rnd: random.Random) -> Snip:
    """XML from the client parsed with entity resolution on."""
    return rnd.choice(
        [
            Snip(
                ["from lxml import etree"],
                body=[
                    "parser = etree.XMLParser(resolve_entities=True)",
                    f"doc = etree.fromstring({v}.encode(), parser)",
                ],
            ),
            Snip(
                ["from lxml import etree"],
                body=[
                    f"doc = etree.fromstring({v}.encode(), etree.XMLParser(resolve_entities=True, no_network=False))"
                ],
            ),
            Snip(
                ["import io", "from lxml import etree"],
                body=[
                    "parser = etree.XMLParser(load_dtd=True, resolve_entities=True)",
                    f"tree = etree.parse(io.BytesIO({v}.encode()), parser=parser)",
                ],
            ),
            Snip(
                ["import io", "import xml.sax", "from xml.sax.handler import feature_external_ges"],
                body=[
                    "parser = xml.sax.make_parser()",
                    "parser.setFeature(feature_external_ges, True)",
                    f"parser.parse(io.StringIO({v}))",
                ],
            ),
            Snip(
                ["from lxml import etree"],
                body=[
                    "parser = etree.XMLParser(no_network=False)",
                    f"root = etree.XML({v}, parser)",
                ],
            ),
        ]
    )


def xxe_safe(v: str, fw: str, rnd: random.Random) -> Snip:
    """Look-alikes: defusedxml, entity resolution off, the standard library parser."""
    return rnd.choice(
        [
            Snip(
                ["from lxml import etree"],
                body=[
                    "parser = etree.XMLParser(resolve_entities=False, no_network=True)",
                    f"doc = etree.fromstring({v}.encode(), parser)",
                ],
            ),
            Snip(["import defusedxml.ElementTree as ET"], body=[f"doc = ET.fromstring({v})"]),
            Snip(
                ["from defusedxml.lxml import fromstring"], body=[f"doc = fromstring({v}.encode())"]
            ),
            Snip(
                ["import io", "import xml.sax"],
                body=["parser = xml.sax.make_parser()", f"parser.parse(io.StringIO({v}))"],
            ),
            Snip(["import xml.etree.ElementTree as ET"], body=[f"root = ET.fromstring({v})"]),
        ]
    )


CWES = {
    "command_injection": "CWE-78",
    "code_injection": "CWE-94",
    "deserialisation": "CWE-502",
    "weak_hashing": "CWE-328",
    "ldap_injection": "CWE-90",
    "path_traversal": "CWE-22",
    "open_redirect": "CWE-601",
    "insecure_cookie": "CWE-614",
    "sql_injection": "CWE-89",
    "trust_boundary": "CWE-501",
    "weak_randomness": "CWE-330",
    "xpath_injection": "CWE-643",
    "xss": "CWE-79",
    "xxe": "CWE-611",
}
# Categories whose risk is in the call itself, whatever value it gets.
FLOWLESS = frozenset({"weak_hashing", "insecure_cookie", "weak_randomness", "xxe"})
CATEGORIES: dict[str, tuple[Template, Template, bool]] = {
    # name: (vulnerable, safe, whether a command-line script is a fitting frame)
    "command_injection": (cmd_vuln, cmd_safe, True),
    "code_injection": (code_vuln, code_safe, True),
    "deserialisation": (deser_vuln, deser_safe, True),
    "weak_hashing": (hash_vuln, hash_safe, True),
    "ldap_injection": (ldap_vuln, ldap_safe, True),
    "path_traversal": (path_vuln, path_safe, True),
    "open_redirect": (redirect_vuln, redirect_safe, False),
    "insecure_cookie": (cookie_vuln, cookie_safe, False),
    "sql_injection": (sql_vuln, sql_safe, True),
    "trust_boundary": (trust_vuln, trust_safe, False),
    "weak_randomness": (random_vuln, random_safe, True),
    "xpath_injection": (xpath_vuln, xpath_safe, True),
    "xss": (xss_vuln, xss_safe, False),
    "xxe": (xxe_vuln, xxe_safe, True),
}


def render(snip: Snip, fw: str, rnd: random.Random, *, helper: bool, shape: str = "") -> str:
    """Return a whole module: imports, app, handler (and maybe a helper) around ``snip``."""
    key = rnd.choice(KEYS)
    var = rnd.choice(VARS)
    filled = Snip(
        snip.imports,
        snip.module,
        [line.replace("{V}", var) for line in snip.body],
        snip.ret,
        snip.movable,
    )
    imports: list[str] = []
    head: list[str] = []
    route = rnd.choice(["/search", "/lookup", "/run", "/view", "/api/item", "/profile", "/report"])
    func = rnd.choice(["handle", "view", "lookup", "process", "endpoint", "action"])
    indent = "    "
    if fw == "flask":
        imports.append("from flask import Flask, request")
        head += ["", "app = Flask(__name__)"]
        signature = [f'@app.route("{route}", methods=["GET", "POST"])', f"def {func}():"]
        source = f"    {var} = {flask_source(key, rnd)}"
        done = '"ok"'
    elif fw == "flask_bp":
        imports.append("from flask import Blueprint, request")
        head += ["", f'bp = Blueprint("{func}", __name__)']
        signature = [f'@bp.post("{route}")', f"def {func}():"]
        source = f"    params = request.args.to_dict()\n    {var} = params.get(\"{key}\", \"\")"
        done = '"ok"'
    elif fw == "django_cbv":
        imports += ["from django.http import HttpResponse", "from django.views import View"]
        signature = [f"class {func.title()}View(View):", "    def post(self, request):"]
        source = f"        {var} = {django_source(key, rnd)}"
        done = 'HttpResponse("ok")'
        indent = "        "
    elif fw == "django":
        imports.append("from django.http import HttpResponse")
        signature = [f"def {func}(request):"]
        source = f"    {var} = {django_source(key, rnd)}"
        done = 'HttpResponse("ok")'
    elif fw == "fastapi":
        imports.append("from fastapi import FastAPI")
        head += ["", "app = FastAPI()"]
        if rnd.random() < 0.5:
            signature = [f'@app.get("{route}")', f'def {func}({key}: str = ""):']
            source = f"    {var} = {key}"
        else:
            imports.append("from fastapi import Request")
            signature = [f'@app.post("{route}")', f"async def {func}(request: Request):"]
            source = rnd.choice(
                [
                    f'    {var} = request.query_params.get("{key}", "")',
                    f'    payload = await request.json()\n    {var} = str(payload.get("{key}", ""))',
                ]
            )
        done = '{"ok": True}'
    else:
        imports += ["import os", "import sys"]
        signature = [f"def {func}():"]
        source = f"    {var} = {cli_source(key, rnd)}"
        done = "0"
    imports += snip.imports
    module_lines = list(snip.module)
    body = list(snip.body)
    if shape == "object" and snip.movable and snip.ret is None:
        # The input waits in an attribute and is used by another method.
        helper_lines = [
            "class Job:",
            "    def __init__(self, value):",
            "        self.value = value",
            "",
            "    def run(self):",
            *(f"        {line}".replace("__V__", "self.value") for line in body),
        ]
        module_lines += ["", "", *helper_lines] if module_lines else helper_lines
        body = [f"Job({var}).run()"]
    elif shape == "lookup" and snip.movable and snip.ret is None:
        # The input only picks one of the server's own values.
        module_lines += ["", 'PRESETS = {"small": "s", "large": "l"}']
        body = [f'{var} = PRESETS.get({var}, "s")', *_fill(body, var)]
    elif helper and snip.movable and snip.ret is None:
        name = rnd.choice(["do_work", "perform", "apply_request", "execute_step", "handle_input"])
        helper_lines = [
            f"def {name}(value):",
            *(f"    {line}".replace("__V__", "value") for line in body),
        ]
        module_lines += ["", "", *helper_lines] if module_lines else helper_lines
        body = [f"{name}({var})"]
    else:
        body = _fill(body, var)
    ret = (snip.ret.replace("{v}", var) if snip.ret else None) or done
    ret = _fill([ret], var)[0]
    lines = [*sorted(set(imports), key=_import_order), *head]
    if module_lines:
        lines += ["", *module_lines]
    lines += ["", "", *signature, source, *(f"{indent}{line}" for line in body), f"{indent}return {ret}"]
    if fw == "cli":
        lines += ["", "", 'if __name__ == "__main__":', f"    {func}()"]
    return "\n".join(lines) + "\n"


def _fill(lines: list[str], var: str) -> list[str]:
    return [line.replace("__V__", var) for line in lines]


def _import_order(line: str) -> tuple[int, str]:
    return (0 if line.startswith("import ") else 1, line)


def generate(out: Path, per: int, seed: int = 20261201) -> list[tuple[str, str, str, int]]:
    """Write ``per`` vulnerable and ``per`` safe cases per category; return the labels."""
    rnd = random.Random(seed)
    labels: list[tuple[str, str, str, int]] = []
    if out.exists():
        shutil.rmtree(out)
    for category, (vulnerable, safe, cli) in CATEGORIES.items():
        frameworks = [
            "flask", "django", "fastapi", "flask_bp", "django_cbv", *(["cli"] if cli else [])
        ]
        folder = out / category
        folder.mkdir(parents=True)
        for label, template in ((1, vulnerable), (0, safe)):
            for index in range(per):
                fw = frameworks[index % len(frameworks)]
                # Some cases take shapes a data-flow reader finds hard: input parked in an
                # attribute (vulnerable), or the vulnerable code fed only a constant that
                # the input picked (safe).
                shape = ("object" if label else "lookup") if rnd.random() < 0.15 else ""
                if shape == "lookup" and category in FLOWLESS:
                    shape = ""
                chosen = vulnerable if shape == "lookup" else template
                snip = chosen("__V__", fw.split("_")[0], rnd)
                if shape == "lookup" and not (snip.movable and snip.ret is None):
                    # Only a body that can take the looked-up value is a safe look-alike.
                    shape, snip = "", template("__V__", fw.split("_")[0], rnd)
                text = render(snip, fw, rnd, helper=rnd.random() < 0.3, shape=shape)
                name = f"case_{len(labels):04d}.py"
                (folder / name).write_text(text)
                labels.append((f"{category}/{name}", category, CWES[category], label))
    with (out / "labels.csv").open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "category", "cwe", "vulnerable"])
        writer.writerows(labels)
    return labels


def main() -> None:
    """Write the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "sentinel_corpus")
    parser.add_argument("--per", type=int, default=24)
    args = parser.parse_args()
    labels = generate(args.out, args.per)
    print(f"wrote {len(labels)} cases to {args.out}")


if __name__ == "__main__":
    main()
