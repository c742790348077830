from flask import Flask, request
from lxml import etree

app = Flask(__name__)

def apply_request(value):
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//user[@name=$name]", name=value)


@app.route("/api/item", methods=["GET", "POST"])
def endpoint():
    text = request.values.get("ref", "")
    apply_request(text)
    return "ok"
