import os
from flask import Flask, request

app = Flask(__name__)

def perform(value):
    stream = os.popen("grep -r {} /var/log/app".format(value))
    lines = stream.read()


@app.route("/search", methods=["GET", "POST"])
def handle():
    raw = request.form.get("user", "")
    perform(raw)
    return "ok"
