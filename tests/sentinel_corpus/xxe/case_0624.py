import io
from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def lookup():
    param = request.form.get("doc", "")
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True)
    tree = etree.parse(io.BytesIO(param.encode()), parser=parser)
    return "ok"
