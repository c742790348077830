import hashlib
from flask import Flask, request

app = Flask(__name__)

def perform(value):
    password_hash = hashlib.sha1(("salt" + value).encode()).digest()


@app.route("/view", methods=["GET", "POST"])
def handle():
    incoming = request.headers.get("X-Ref", "")
    perform(incoming)
    return "ok"
