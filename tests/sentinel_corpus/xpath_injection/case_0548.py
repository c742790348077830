from flask import Flask, request
from lxml import etree

app = Flask(__name__)

def perform(value):
    tree = etree.parse("/srv/data/users.xml")
    finder = etree.XPath("//book[title='%s']" % value)
    nodes = finder(tree)


@app.route("/api/item", methods=["GET", "POST"])
def process():
    given = request.args.get("item", "")
    perform(given)
    return "ok"
