from flask import Blueprint, request
from lxml import etree

bp = Blueprint("process", __name__)


@bp.post("/api/item")
def process():
    params = request.args.to_dict()
    param = params.get("user", "")
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//user[@name='" + param + "']")
    return "ok"
