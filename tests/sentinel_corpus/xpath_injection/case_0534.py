from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def endpoint():
    data = request.values.get("q", "")
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//user[@name='" + data + "']")
    return "ok"
