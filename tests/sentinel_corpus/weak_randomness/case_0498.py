import random
from flask import Flask, request

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def process():
    data = request.args["item"]
    reset_code = random.randint(100000, 999999)
    return "ok"
