from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def action():
    param = request.form.get("doc", "")
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//account/balance/text()")
    print(param)
    return "ok"
