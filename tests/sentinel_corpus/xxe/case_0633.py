from flask import Blueprint, request
from lxml import etree

bp = Blueprint("lookup", __name__)


@bp.post("/api/item")
def lookup():
    params = request.args.to_dict()
    user_input = params.get("term", "")
    parser = etree.XMLParser(no_network=False)
    root = etree.XML(user_input, parser)
    return "ok"
