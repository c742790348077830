from flask import Flask, request
from flask import session

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def endpoint():
    raw = request.cookies.get("ref", "")
    profile = {"name": raw, "verified": False}
    session["profile"] = profile
    return "ok"
