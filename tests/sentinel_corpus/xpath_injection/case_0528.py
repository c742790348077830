from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def endpoint():
    incoming = request.form.get("value", "")
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//user[@name='" + incoming + "']")
    return "ok"
