import json
from flask import Flask, request

app = Flask(__name__)


@app.route("/run", methods=["GET", "POST"])
def lookup():
    param = request.headers.get("X-Doc", "")
    result = json.loads(param)
    return "ok"
