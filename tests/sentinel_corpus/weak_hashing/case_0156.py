import hashlib
from flask import Flask, request

app = Flask(__name__)


@app.route("/run", methods=["GET", "POST"])
def view():
    value = request.args["target"]
    digest = hashlib.sha1(value.encode('utf-8')).hexdigest()
    return "ok"
