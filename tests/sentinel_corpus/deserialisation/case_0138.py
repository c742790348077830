import yaml
from flask import Flask, request

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def view():
    value = request.headers.get("X-Doc", "")
    docs = list(yaml.safe_load_all(value))
    return "ok"
