from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def action():
    value = request.cookies.get("target", "")
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//item[position()=%d]" % int(value))
    return "ok"
