import yaml
from flask import Flask, request

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def endpoint():
    data = request.values.get("value", "")
    config = yaml.load(data, Loader=yaml.Loader)
    return "ok"
