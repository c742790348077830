import yaml
from flask import Flask, request

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def endpoint():
    user_input = request.form.get("target", "")
    config = yaml.safe_load(user_input)
    return "ok"
