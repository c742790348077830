from flask import Blueprint, request
from lxml import etree

bp = Blueprint("endpoint", __name__)

FIELDS = ("title", "author", "year")


@bp.post("/lookup")
def endpoint():
    params = request.args.to_dict()
    param = params.get("term", "")
    if param not in FIELDS:
        return "unknown field"
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//book/" + param)
    return "ok"
