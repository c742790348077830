import yaml
from flask import Flask, request

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def action():
    data = request.args["doc"]
    config = yaml.load(data, Loader=yaml.SafeLoader)
    return "ok"
