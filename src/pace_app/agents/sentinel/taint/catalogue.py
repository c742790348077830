"""The data the analysis knows: sources, sanitisers and sinks, by CWE.

Names are dotted as imported (``subprocess.run``, ``flask.redirect``); method sinks
match by method name on any receiver because the receiver's type is not known
(``cursor.execute``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pace_app.domain.findings import Severity

CATEGORIES: dict[str, str] = {
    "CWE-78": "command-injection",
    "CWE-94": "code-injection",
    "CWE-502": "unsafe-deserialisation",
    "CWE-328": "weak-hash",
    "CWE-90": "ldap-injection",
    "CWE-22": "path-traversal",
    "CWE-601": "open-redirect",
    "CWE-614": "insecure-cookie",
    "CWE-89": "sql-injection",
    "CWE-501": "trust-boundary",
    "CWE-330": "weak-random",
    "CWE-643": "xpath-injection",
    "CWE-79": "xss",
    "CWE-611": "xxe",
    "CWE-918": "ssrf",
    "CWE-798": "hardcoded-secret",
    "CWE-347": "weak-jwt",
}

# Attributes of a request object that hold what the client sent.
REQUEST_ATTRIBUTES = frozenset(
    {
        "args", "form", "values", "files", "json", "data", "cookies", "headers", "GET",
        "POST", "COOKIES", "META", "FILES", "body", "query_params", "path_params",
        "query_string", "get_json", "get_data", "stream", "environ", "view_args", "url",
        "full_path", "path", "referrer", "user_agent", "authorization", "content",
        "query", "match_info", "params",
    }
)  # fmt: skip
REQUEST_NAMES = frozenset(
    {"request", "req", "self.request", "flask.request", "bottle.request", "quart.request"}
)
REQUEST_TYPES = frozenset({"Request", "HttpRequest", "WSGIRequest", "ASGIRequest"})
# Parameters of a route handler that are framework objects, not client data.
NOT_CLIENT_DATA = frozenset(
    {"Session", "BackgroundTasks", "Response", "WebSocket", "AsyncSession", "Depends"}
)
ROUTE_DECORATORS = frozenset(
    {"route", "get", "post", "put", "delete", "patch", "api_route", "websocket", "head"}
)

SOURCE_CALLS: dict[str, str] = {
    "input": "input",
    "raw_input": "input",
    "os.getenv": "environment",
    "os.environ.get": "environment",
    "os.getenvb": "environment",
    "sys.stdin.read": "input",
    "sys.stdin.readline": "input",
}
SOURCE_ATTRIBUTES: dict[str, str] = {
    "sys.argv": "argv",
    "os.environ": "environment",
    "sys.stdin": "input",
}

# Calls whose result carries nothing of their arguments' content.
CLEAN_CALLS = frozenset(
    {
        "int", "float", "bool", "complex", "len", "ord", "hash", "abs", "round", "id",
        "isinstance", "callable", "uuid.UUID", "ipaddress.ip_address", "ipaddress.ip_network",
        "decimal.Decimal", "datetime.date.fromisoformat", "datetime.datetime.fromisoformat",
        "os.path.exists", "os.path.isfile", "os.path.isdir", "os.path.getsize",
        "secrets.compare_digest", "hmac.compare_digest", "url_for", "flask.url_for",
        "django.urls.reverse", "django.shortcuts.reverse", "time.time",
    }
)  # fmt: skip
CLEAN_METHODS = frozenset(
    {
        "startswith", "endswith", "isdigit", "isalnum", "isalpha", "isnumeric",
        "isdecimal", "isidentifier", "isspace", "islower", "isupper", "count", "find",
        "rfind", "index", "rindex", "hexdigest", "digest", "is_relative_to", "exists",
        "is_file", "is_dir", "url_for", "__len__", "keys",
    }
)  # fmt: skip

SANITISERS: dict[str, tuple[str, ...]] = {
    "shlex.quote": ("CWE-78",),
    "pipes.quote": ("CWE-78",),
    "shlex.join": ("CWE-78",),
    "html.escape": ("CWE-79",),
    "markupsafe.escape": ("CWE-79",),
    "flask.escape": ("CWE-79",),
    "jinja2.escape": ("CWE-79",),
    "cgi.escape": ("CWE-79",),
    "django.utils.html.escape": ("CWE-79",),
    "django.utils.html.conditional_escape": ("CWE-79",),
    "django.utils.html.format_html": ("CWE-79",),
    "bleach.clean": ("CWE-79",),
    "flask.jsonify": ("CWE-79",),
    # What the server serialised itself is no attacker's pickle.
    "pickle.dumps": ("CWE-502",),
    "marshal.dumps": ("CWE-502",),
    "json.dumps": ("CWE-502",),
    "urllib.parse.quote": ("CWE-79", "CWE-78", "CWE-90", "CWE-643"),
    "urllib.parse.quote_plus": ("CWE-79", "CWE-78", "CWE-90", "CWE-643"),
    "werkzeug.utils.secure_filename": ("CWE-22", "CWE-78"),
    "os.path.basename": ("CWE-22",),
    "ldap.filter.escape_filter_chars": ("CWE-90",),
    "ldap3.utils.conv.escape_filter_chars": ("CWE-90",),
    "ldap.dn.escape_dn_chars": ("CWE-90",),
    "ldap3.utils.dn.escape_rdn": ("CWE-90",),
    "ldap.filter.filter_format": ("CWE-90",),
    "psycopg2.sql.Identifier": ("CWE-89",),
    "psycopg2.sql.Literal": ("CWE-89",),
    "psycopg.sql.Identifier": ("CWE-89",),
    "psycopg.sql.Literal": ("CWE-89",),
    "base64.b64encode": ("CWE-79", "CWE-78", "CWE-89", "CWE-90", "CWE-643", "CWE-22"),
}
NORMALISERS = frozenset(
    {"os.path.realpath", "os.path.abspath", "os.path.normpath", "posixpath.normpath"}
)
NORMALISING_METHODS = frozenset({"resolve", "absolute"})
# A callee whose own name says it makes input safe is trusted to (a repository's
# ``escape_xpath`` or ``sanitize_dn``); the check it stands for is not visible.
SANITISER_NAME = re.compile(r"(^|_)(escape|saniti[sz]e|quote|clean|validate)", re.IGNORECASE)
VALIDATOR_NAME = re.compile(r"(safe|allowed|valid|whitelist|allowlist|permitted)", re.IGNORECASE)
TERMINATORS = frozenset({"abort", "flask.abort", "sys.exit", "exit", "os._exit", "quit"})
SHELLS = frozenset({"sh", "bash", "zsh", "dash", "ksh", "cmd", "cmd.exe", "powershell", "pwsh"})


@dataclass(frozen=True, slots=True)
class Sink:
    """A call that is dangerous when an argument carries taint."""

    cwe: str
    what: str
    severity: Severity = "high"
    args: tuple[int, ...] = (0,)
    kwargs: tuple[str, ...] = ()
    receiver: bool = False


def _sinks(cwe: str, names: str, **shape: object) -> dict[str, Sink]:
    return {name: Sink(cwe, name, **shape) for name in names.split()}  # type: ignore[arg-type]


SINKS: dict[str, Sink] = {
    **_sinks(
        "CWE-78",
        "os.system os.popen os.popen2 os.popen3 commands.getoutput",
        kwargs=("cmd", "command"),
    ),
    **_sinks(
        "CWE-78",
        "commands.getstatusoutput pty.spawn asyncio.create_subprocess_shell",
        kwargs=("cmd",),
    ),
    **_sinks(
        "CWE-78",
        "os.execl os.execle os.execlp os.execv os.execve os.execvp os.spawnl os.spawnv "
        "os.spawnvp os.spawnlp",
        args=(0, 1, 2),
    ),
    **_sinks(
        "CWE-94",
        "eval exec compile builtins.eval builtins.exec",
        kwargs=("source",), severity="critical",
    ),
    **_sinks("CWE-94", "flask.render_template_string jinja2.Template", kwargs=("source",)),
    **_sinks(
        "CWE-502",
        "pickle.loads pickle.load cPickle.loads cPickle.load _pickle.loads dill.loads "
        "dill.load",
        kwargs=("data", "file"),
    ),
    **_sinks(
        "CWE-502",
        "marshal.loads marshal.load jsonpickle.decode shelve.open pandas.read_pickle "
        "torch.load yaml.unsafe_load yaml.unsafe_load_all yaml.full_load "
        "yaml.full_load_all",
        kwargs=("stream",),
    ),
    **_sinks(
        "CWE-22",
        "open io.open os.open codecs.open builtins.open io.FileIO os.remove os.unlink "
        "os.rmdir os.removedirs os.listdir os.scandir os.makedirs os.mkdir",
        kwargs=("file", "path", "filename"),
    ),
    **_sinks(
        "CWE-22",
        "shutil.copy shutil.copyfile shutil.copy2 shutil.move shutil.rmtree os.rename "
        "os.replace",
        args=(0, 1), kwargs=("src", "dst", "path"),
    ),
    **_sinks(
        "CWE-22",
        "flask.send_file pathlib.Path.read_text django.http.FileResponse "
        "fastapi.responses.FileResponse starlette.responses.FileResponse",
        kwargs=("path_or_file", "path"),
    ),
    **_sinks(
        "CWE-601",
        "flask.redirect werkzeug.utils.redirect django.shortcuts.redirect "
        "django.http.HttpResponseRedirect django.http.HttpResponsePermanentRedirect "
        "fastapi.responses.RedirectResponse starlette.responses.RedirectResponse",
        kwargs=("location", "url", "to", "redirect_to"), severity="medium",
    ),
    **_sinks(
        "CWE-89",
        "sqlalchemy.text sqlalchemy.sql.text pandas.read_sql pandas.read_sql_query "
        "django.db.models.expressions.RawSQL django.db.models.RawSQL",
        kwargs=("sql", "text"),
    ),
    **_sinks("CWE-643", "lxml.etree.XPath lxml.etree.ETXPath", kwargs=("path",)),
    **_sinks("CWE-643", "elementpath.select elementpath.iter_select", args=(1,), kwargs=("path",)),
    **_sinks(
        "CWE-79",
        "flask.make_response flask.Response django.http.HttpResponse "
        "fastapi.responses.HTMLResponse starlette.responses.HTMLResponse "
        "markupsafe.Markup flask.Markup django.utils.safestring.mark_safe "
        "werkzeug.wrappers.Response",
        kwargs=("response", "content"), severity="medium",
    ),
    **_sinks(
        "CWE-918",
        "requests.get requests.post requests.put requests.delete requests.head "
        "requests.patch requests.options httpx.get httpx.post httpx.put httpx.delete "
        "httpx.head httpx.patch httpx.stream urllib.request.urlopen "
        "urllib.request.Request urllib.urlopen urllib2.urlopen",
        kwargs=("url",),
    ),
    **_sinks("CWE-918", "requests.request httpx.request", args=(1,), kwargs=("url",)),
}  # fmt: skip

METHOD_SINKS: dict[str, Sink] = {
    **_sinks(
        "CWE-89",
        "execute executemany executescript mogrify",
        kwargs=("sql", "query", "statement", "operation"),
    ),
    **_sinks("CWE-89", "raw", kwargs=("raw_query",)),
    **_sinks("CWE-89", "extra", args=(), kwargs=("where", "select", "tables", "order_by")),
    **_sinks(
        "CWE-90",
        "search_s search_st search_ext search_ext_s",
        args=(0, 2), kwargs=("filterstr", "base"),
    ),
    **_sinks("CWE-90", "search", args=(0, 1), kwargs=("search_filter", "search_base")),
    **_sinks("CWE-643", "xpath", kwargs=("_path",)),
    **_sinks(
        "CWE-22",
        "read_text read_bytes write_text write_bytes unlink rmdir",
        args=(), receiver=True,
    ),
}  # fmt: skip

# Receivers of a ``.search`` that are not directories (regular expressions).
NOT_LDAP = frozenset({"re", "regex"})
