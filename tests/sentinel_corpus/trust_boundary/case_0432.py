from flask import Flask, request
from flask import session

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def view():
    incoming = (request.get_json(silent=True) or {}).get("term", "")
    session["tenant"] = "guest-" + incoming
    return "ok"
