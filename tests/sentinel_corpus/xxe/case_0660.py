import defusedxml.ElementTree as ET
from flask import Flask, request

app = Flask(__name__)


@app.route("/run", methods=["GET", "POST"])
def lookup():
    field = (request.get_json(silent=True) or {}).get("target", "")
    doc = ET.fromstring(field)
    return "ok"
