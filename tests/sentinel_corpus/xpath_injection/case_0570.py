from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def action():
    data = request.args.get("target", "")
    tree = etree.parse("/srv/data/users.xml")
    finder = etree.XPath("//book[title=$title]")
    nodes = finder(tree, title=data)
    return "ok"
