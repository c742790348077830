from flask import Flask, request
from lxml import etree

app = Flask(__name__)

def execute_step(value):
    parser = etree.XMLParser(resolve_entities=True)
    doc = etree.fromstring(value.encode(), parser)


@app.route("/search", methods=["GET", "POST"])
def action():
    text = (request.get_json(silent=True) or {}).get("name", "")
    execute_step(text)
    return "ok"
