import shlex
import subprocess
from flask import Flask, request

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def handle():
    text = request.headers.get("X-User", "")
    cmd = "grep -c " + shlex.quote(text) + " /var/log/syslog"
    subprocess.check_output(cmd, shell=True)
    return "ok"
