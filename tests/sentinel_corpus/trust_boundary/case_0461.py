from flask import Flask, request
from flask import session

app = Flask(__name__)

ROLES = {"viewer", "editor"}


@app.route("/report", methods=["GET", "POST"])
def action():
    raw = request.headers.get("X-Doc", "")
    if raw in ROLES:
        session["role"] = raw
    return "ok"
