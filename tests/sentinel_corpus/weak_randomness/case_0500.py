import random
from flask import Flask, request

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def view():
    arg = request.args.get("item", "")
    nonce = random.random()
    return "ok"
