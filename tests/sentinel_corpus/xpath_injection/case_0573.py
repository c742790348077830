from flask import Blueprint, request
from lxml import etree

bp = Blueprint("process", __name__)


@bp.post("/view")
def process():
    params = request.args.to_dict()
    text = params.get("q", "")
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//user[@name=$name]", name=text)
    return "ok"
