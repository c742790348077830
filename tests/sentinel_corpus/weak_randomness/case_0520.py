import secrets
from flask import Flask, request

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def process():
    raw = request.args["host"]
    api_key = secrets.token_urlsafe(24)
    return "ok"
