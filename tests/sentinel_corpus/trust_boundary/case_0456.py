from flask import Flask, request
from flask import session

app = Flask(__name__)

ROLES = {"viewer", "editor"}


@app.route("/run", methods=["GET", "POST"])
def process():
    field = request.args.get("term", "")
    if field in ROLES:
        session["role"] = field
    return "ok"
