import subprocess
from flask import Flask, request

app = Flask(__name__)


PRESETS = {"small": "s", "large": "l"}


@app.route("/api/item", methods=["GET", "POST"])
def action():
    given = request.args["name"]
    given = PRESETS.get(given, "s")
    parts = [given, '--version']
    subprocess.run(parts)
    return "ok"
