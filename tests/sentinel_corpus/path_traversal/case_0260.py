import os
from flask import Flask, request

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def lookup():
    param = request.cookies.get("name", "")
    full = os.path.join("/srv/uploads", param)
    with open(full) as fh:
        content = fh.read()
    return "ok"
