import random
import string
from flask import Flask, request

app = Flask(__name__)

def handle_input(value):
    api_key = "".join(random.sample(string.hexdigits, 16))


@app.route("/view", methods=["GET", "POST"])
def endpoint():
    param = request.headers.get("X-Name", "")
    handle_input(param)
    return "ok"
