import secrets
from flask import Flask, request

app = Flask(__name__)

def apply_request(value):
    api_key = secrets.token_urlsafe(24)


@app.route("/run", methods=["GET", "POST"])
def process():
    value = request.values.get("host", "")
    apply_request(value)
    return "ok"
