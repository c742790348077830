import json
from flask import Flask, request

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def handle():
    text = (request.get_json(silent=True) or {}).get("path", "")
    result = json.loads(text)
    return "ok"
