from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def lookup():
    given = request.form.get("q", "")
    parser = etree.XMLParser(resolve_entities=True)
    doc = etree.fromstring(given.encode(), parser)
    return "ok"
