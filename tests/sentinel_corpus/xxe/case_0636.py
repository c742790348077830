import io
from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def endpoint():
    given = request.args.get("ref", "")
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True)
    tree = etree.parse(io.BytesIO(given.encode()), parser=parser)
    return "ok"
