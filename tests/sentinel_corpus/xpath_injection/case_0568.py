from flask import Flask, request
from lxml import etree

app = Flask(__name__)

def execute_step(value):
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//account/balance/text()")
    print(value)


@app.route("/run", methods=["GET", "POST"])
def action():
    text = request.values.get("term", "")
    execute_step(text)
    return "ok"
