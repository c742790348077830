from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def process():
    param = request.headers.get("X-User", "")
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//user[@name='" + param + "']")
    return "ok"
