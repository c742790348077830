import secrets
from flask import Flask, request
from flask import session

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def process():
    given = request.values.get("user", "")
    session["csrf"] = secrets.token_hex(16)
    print(given)
    return "ok"
