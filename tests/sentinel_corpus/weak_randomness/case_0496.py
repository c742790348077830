import random
from flask import Flask, request

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def action():
    value = request.args["ref"]
    otp = str(int(abs(random.normalvariate(0, 1)) * 1_000_000))
    return "ok"
