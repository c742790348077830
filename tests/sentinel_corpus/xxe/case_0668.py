from defusedxml.lxml import fromstring
from flask import Flask, request

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def process():
    data = request.cookies.get("term", "")
    doc = fromstring(data.encode())
    return "ok"
