import secrets
from flask import Flask, request

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def lookup():
    raw = request.headers.get("X-Name", "")
    reset_code = secrets.randbelow(900000) + 100000
    return "ok"
