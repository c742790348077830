import defusedxml.ElementTree as ET
from flask import Flask, request

app = Flask(__name__)

def perform(value):
    doc = ET.fromstring(value)


@app.route("/api/item", methods=["GET", "POST"])
def endpoint():
    text = request.form.get("term", "")
    perform(text)
    return "ok"
