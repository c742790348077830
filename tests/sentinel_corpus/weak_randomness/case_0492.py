import random
from flask import Flask, request

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def endpoint():
    field = request.args["value"]
    invite = random.randrange(10**8)
    return "ok"
