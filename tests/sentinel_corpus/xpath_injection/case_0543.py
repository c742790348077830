from flask import Blueprint, request
from lxml import etree

bp = Blueprint("lookup", __name__)


@bp.post("/api/item")
def lookup():
    params = request.args.to_dict()
    incoming = params.get("doc", "")
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath(f"//account[login='{incoming}']/balance/text()")
    return "ok"
