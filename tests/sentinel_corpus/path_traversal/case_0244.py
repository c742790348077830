import os
from flask import Flask, request

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def endpoint():
    raw = request.cookies.get("name", "")
    full = os.path.join("/srv/uploads", raw)
    with open(full) as fh:
        content = fh.read()
    return "ok"
