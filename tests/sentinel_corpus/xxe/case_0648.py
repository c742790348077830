from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def endpoint():
    field = request.values.get("host", "")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    doc = etree.fromstring(field.encode(), parser)
    return "ok"
