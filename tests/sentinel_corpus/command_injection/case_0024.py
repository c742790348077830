import shlex
import subprocess
from flask import Flask, request

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def endpoint():
    given = request.headers.get("X-Term", "")
    cmd = "grep -c " + shlex.quote(given) + " /var/log/syslog"
    subprocess.check_output(cmd, shell=True)
    return "ok"
