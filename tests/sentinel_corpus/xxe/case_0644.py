from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def process():
    incoming = (request.get_json(silent=True) or {}).get("doc", "")
    parser = etree.XMLParser(no_network=False)
    root = etree.XML(incoming, parser)
    return "ok"
