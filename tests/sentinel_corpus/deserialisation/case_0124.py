import json
from flask import Flask, request

app = Flask(__name__)


@app.route("/run", methods=["GET", "POST"])
def endpoint():
    param = (request.get_json(silent=True) or {}).get("user", "")
    obj = json.loads(param)
    return "ok"
