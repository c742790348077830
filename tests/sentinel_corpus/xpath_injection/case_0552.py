from flask import Flask, request
from lxml import etree

app = Flask(__name__)

def perform(value):
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//account/balance/text()")
    print(value)


@app.route("/profile", methods=["GET", "POST"])
def handle():
    arg = (request.get_json(silent=True) or {}).get("name", "")
    perform(arg)
    return "ok"
