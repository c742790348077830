import os
from flask import Flask, request

app = Flask(__name__)


@app.route("/run", methods=["GET", "POST"])
def endpoint():
    given = request.form.get("ref", "")
    base = "/srv/files"
    path = base + "/" + given
    if not path.startswith(base):
        return "denied"
    with open(path) as fh:
        content = fh.read()
    return "ok"
