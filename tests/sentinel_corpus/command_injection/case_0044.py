import subprocess
from flask import Flask, request

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def endpoint():
    field = (request.get_json(silent=True) or {}).get("user", "")
    subprocess.run("df -h /var/lib", shell=True)
    return "ok"
