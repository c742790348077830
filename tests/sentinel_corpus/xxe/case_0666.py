from defusedxml.lxml import fromstring
from flask import Flask, request

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def lookup():
    data = request.args.get("doc", "")
    doc = fromstring(data.encode())
    return "ok"
