from flask import Flask, request
from flask import session

app = Flask(__name__)

ROLES = {"viewer", "editor"}


@app.route("/search", methods=["GET", "POST"])
def endpoint():
    given = request.args.get("host", "")
    if given in ROLES:
        session["role"] = given
    return "ok"
