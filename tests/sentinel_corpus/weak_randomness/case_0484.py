import random
import string
from flask import Flask, request

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def handle():
    param = request.values.get("q", "")
    token = "".join(random.choice(string.ascii_letters) for _ in range(32))
    return "ok"
