import os
import shlex
from flask import Flask, request

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def action():
    text = request.values.get("term", "")
    os.system("ping -c 1 " + shlex.quote(text))
    return "ok"
