from flask import Blueprint, request
from lxml import etree

bp = Blueprint("handle", __name__)

def perform(value):
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//account/balance/text()")
    print(value)


@bp.post("/lookup")
def handle():
    params = request.args.to_dict()
    param = params.get("host", "")
    perform(param)
    return "ok"
