from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def action():
    arg = request.args["target"]
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath(f"//account[login='{arg}']/balance/text()")
    return "ok"
