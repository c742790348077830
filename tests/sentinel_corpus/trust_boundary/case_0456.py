import secrets
from flask import Flask, request
from flask import session

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def lookup():
    arg = (request.get_json(silent=True) or {}).get("q", "")
    session["csrf"] = secrets.token_hex(16)
    print(arg)
    return "ok"
