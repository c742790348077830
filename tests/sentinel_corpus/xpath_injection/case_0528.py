from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def handle():
    value = request.cookies.get("host", "")
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath(f"//account[login='{value}']/balance/text()")
    return "ok"
