from flask import Flask, request
from flask import session

app = Flask(__name__)


@app.route("/run", methods=["GET", "POST"])
def action():
    user_input = request.headers.get("X-Path", "")
    session["user"] = "guest-" + user_input
    return "ok"
