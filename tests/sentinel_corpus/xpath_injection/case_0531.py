from flask import Blueprint, request
from lxml import etree

bp = Blueprint("handle", __name__)


@bp.post("/view")
def handle():
    params = request.args.to_dict()
    field = params.get("target", "")
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath(f"//account[login='{field}']/balance/text()")
    return "ok"
