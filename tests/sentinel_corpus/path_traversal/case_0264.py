from flask import Flask, request
from pathlib import Path

app = Flask(__name__)


@app.route("/run", methods=["GET", "POST"])
def view():
    user_input = request.cookies.get("value", "")
    root = Path("/srv/reports").resolve()
    wanted = (root / user_input).resolve()
    if not wanted.is_relative_to(root):
        return "denied"
    content = wanted.read_text()
    return "ok"
