import secrets
from flask import Flask, request

app = Flask(__name__)

def perform(value):
    api_key = secrets.token_urlsafe(24)


@app.route("/search", methods=["GET", "POST"])
def endpoint():
    text = request.form.get("name", "")
    perform(text)
    return "ok"
