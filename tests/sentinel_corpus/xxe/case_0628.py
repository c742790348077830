import io
from flask import Flask, request
from lxml import etree

app = Flask(__name__)

def execute_step(value):
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True)
    tree = etree.parse(io.BytesIO(value.encode()), parser=parser)


@app.route("/lookup", methods=["GET", "POST"])
def action():
    incoming = request.args["ref"]
    execute_step(incoming)
    return "ok"
