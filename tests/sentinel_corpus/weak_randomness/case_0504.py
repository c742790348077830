import secrets
import string
from flask import Flask, request

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def process():
    value = request.args.get("name", "")
    token = "".join(secrets.choice(string.ascii_letters) for _ in range(32))
    return "ok"
