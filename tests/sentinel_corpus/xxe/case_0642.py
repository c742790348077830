import io
from flask import Flask, request
from lxml import etree

app = Flask(__name__)

def apply_request(value):
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True)
    tree = etree.parse(io.BytesIO(value.encode()), parser=parser)


@app.route("/view", methods=["GET", "POST"])
def action():
    text = request.cookies.get("host", "")
    apply_request(text)
    return "ok"
