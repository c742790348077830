from flask import Flask, request
from lxml import etree

app = Flask(__name__)

def do_work(value):
    doc = etree.fromstring(value.encode(), etree.XMLParser(resolve_entities=True, no_network=False))


@app.route("/profile", methods=["GET", "POST"])
def view():
    value = (request.get_json(silent=True) or {}).get("target", "")
    do_work(value)
    return "ok"
