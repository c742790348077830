from flask import Flask, request
from lxml import etree

app = Flask(__name__)

FIELDS = ("title", "author", "year")


@app.route("/api/item", methods=["GET", "POST"])
def action():
    param = request.cookies.get("doc", "")
    if param not in FIELDS:
        return "unknown field"
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//book/" + param)
    return "ok"
