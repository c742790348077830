import xml.etree.ElementTree as ET
from flask import Flask, request

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def view():
    raw = request.values.get("path", "")
    root = ET.fromstring(raw)
    return "ok"
