from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def view():
    field = request.args["ref"]
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath(f"//account[login='{field}']/balance/text()")
    return "ok"
