from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/run", methods=["GET", "POST"])
def view():
    param = (request.get_json(silent=True) or {}).get("item", "")
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath(f"//account[login='{param}']/balance/text()")
    return "ok"
