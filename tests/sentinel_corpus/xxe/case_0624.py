from flask import Flask, request
from lxml import etree

app = Flask(__name__)

def execute_step(value):
    doc = etree.fromstring(value.encode(), etree.XMLParser(resolve_entities=True, no_network=False))


@app.route("/run", methods=["GET", "POST"])
def endpoint():
    param = request.values.get("value", "")
    execute_step(param)
    return "ok"
