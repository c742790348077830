import secrets
from flask import Flask, request

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def action():
    value = request.values.get("host", "")
    session_key = secrets.token_hex(16)
    return "ok"
