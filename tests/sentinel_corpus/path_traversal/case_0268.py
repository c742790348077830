from flask import Flask, request
from pathlib import Path

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def lookup():
    raw = request.headers.get("X-Term", "")
    root = Path("/srv/reports").resolve()
    wanted = (root / raw).resolve()
    if not wanted.is_relative_to(root):
        return "denied"
    content = wanted.read_text()
    return "ok"
