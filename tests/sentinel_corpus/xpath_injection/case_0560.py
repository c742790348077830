from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def handle():
    value = (request.get_json(silent=True) or {}).get("q", "")
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//account/balance/text()")
    print(value)
    return "ok"
