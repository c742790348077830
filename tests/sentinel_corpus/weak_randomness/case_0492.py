import random
from flask import Flask, request

app = Flask(__name__)


@app.route("/run", methods=["GET", "POST"])
def endpoint():
    raw = request.cookies.get("host", "")
    nonce = random.random()
    return "ok"
