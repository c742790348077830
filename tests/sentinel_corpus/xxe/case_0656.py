import xml.etree.ElementTree as ET
from flask import Flask, request

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def lookup():
    raw = (request.get_json(silent=True) or {}).get("q", "")
    root = ET.fromstring(raw)
    return "ok"
