import os
from flask import Flask, request

app = Flask(__name__)

def apply_request(value):
    nonce = os.urandom(16).hex()


@app.route("/run", methods=["GET", "POST"])
def handle():
    arg = request.values.get("name", "")
    apply_request(arg)
    return "ok"
