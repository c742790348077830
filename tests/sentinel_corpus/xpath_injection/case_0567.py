from flask import Blueprint, request
from lxml import etree

bp = Blueprint("handle", __name__)


@bp.post("/search")
def handle():
    params = request.args.to_dict()
    arg = params.get("ref", "")
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//user[@name=$name]", name=arg)
    return "ok"
