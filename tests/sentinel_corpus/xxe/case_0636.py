from flask import Flask, request
from lxml import etree

app = Flask(__name__)

def apply_request(value):
    parser = etree.XMLParser(no_network=False)
    root = etree.XML(value, parser)


@app.route("/run", methods=["GET", "POST"])
def endpoint():
    given = request.values.get("q", "")
    apply_request(given)
    return "ok"
