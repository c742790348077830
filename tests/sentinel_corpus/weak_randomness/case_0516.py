import secrets
import string
from flask import Flask, request

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def process():
    data = request.args["doc"]
    token = "".join(secrets.choice(string.ascii_letters) for _ in range(32))
    return "ok"
