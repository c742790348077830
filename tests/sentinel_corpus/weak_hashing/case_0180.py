import hashlib
from flask import Flask, request

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def lookup():
    param = request.args["term"]
    hasher = hashlib.new("sha512")
    hasher.update(param.encode())
    return "ok"
