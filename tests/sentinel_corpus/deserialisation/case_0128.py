import yaml
from flask import Flask, request

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def lookup():
    text = request.args["q"]
    config = yaml.load(text, Loader=yaml.SafeLoader)
    return "ok"
