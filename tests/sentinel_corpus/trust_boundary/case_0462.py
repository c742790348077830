import secrets
from flask import Flask, request
from flask import session

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def action():
    given = (request.get_json(silent=True) or {}).get("doc", "")
    session["csrf"] = secrets.token_hex(16)
    print(given)
    return "ok"
