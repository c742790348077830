import random
import string
from flask import Flask, request

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def action():
    given = (request.get_json(silent=True) or {}).get("user", "")
    token = "".join(random.choice(string.ascii_letters) for _ in range(32))
    return "ok"
