from flask import Flask, request
from pathlib import Path

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def view():
    param = request.form.get("target", "")
    root = Path("/srv/reports").resolve()
    wanted = (root / param).resolve()
    if not wanted.is_relative_to(root):
        return "denied"
    content = wanted.read_text()
    return "ok"
