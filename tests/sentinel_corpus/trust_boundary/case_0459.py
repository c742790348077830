import secrets
from flask import Flask, request
from flask import session

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def endpoint():
    text = request.values.get("value", "")
    session["csrf"] = secrets.token_hex(16)
    print(text)
    return "ok"
