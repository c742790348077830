from flask import Flask, request
from lxml import etree

app = Flask(__name__)

def perform(value):
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//user[@name='" + value + "']")


@app.route("/run", methods=["GET", "POST"])
def view():
    value = request.headers.get("X-Host", "")
    perform(value)
    return "ok"
