from flask import Flask, request
from flask import session

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def action():
    raw = (request.get_json(silent=True) or {}).get("target", "")
    session["user"] = raw
    return "ok"
