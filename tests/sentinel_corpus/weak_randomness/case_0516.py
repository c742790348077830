import secrets
from flask import Flask, request

app = Flask(__name__)

def perform(value):
    api_key = secrets.token_urlsafe(24)


@app.route("/profile", methods=["GET", "POST"])
def endpoint():
    value = request.args.get("value", "")
    perform(value)
    return "ok"
