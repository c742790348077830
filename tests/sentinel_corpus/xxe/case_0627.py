from flask import Blueprint, request
from lxml import etree

bp = Blueprint("handle", __name__)


@bp.post("/api/item")
def handle():
    params = request.args.to_dict()
    text = params.get("path", "")
    doc = etree.fromstring(text.encode(), etree.XMLParser(resolve_entities=True, no_network=False))
    return "ok"
