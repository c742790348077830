from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def process():
    given = request.args.get("path", "")
    tree = etree.parse("/srv/data/users.xml")
    finder = etree.XPath("//book[title=$title]")
    nodes = finder(tree, title=given)
    return "ok"
