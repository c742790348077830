import json
from flask import Flask, request

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def handle():
    arg = request.headers.get("X-Term", "")
    result = json.loads(arg)
    return "ok"
