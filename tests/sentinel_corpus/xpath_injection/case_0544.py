from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def action():
    incoming = request.args["value"]
    tree = etree.parse("/srv/data/users.xml")
    finder = etree.XPath("//book[title='%s']" % incoming)
    nodes = finder(tree)
    return "ok"
