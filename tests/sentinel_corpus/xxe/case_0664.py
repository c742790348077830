import xml.etree.ElementTree as ET
from flask import Flask, request

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def process():
    text = request.cookies.get("q", "")
    root = ET.fromstring(text)
    return "ok"
