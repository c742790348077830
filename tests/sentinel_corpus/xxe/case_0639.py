from flask import Blueprint, request
from lxml import etree

bp = Blueprint("endpoint", __name__)

def handle_input(value):
    parser = etree.XMLParser(resolve_entities=True)
    doc = etree.fromstring(value.encode(), parser)


@bp.post("/view")
def endpoint():
    params = request.args.to_dict()
    arg = params.get("q", "")
    handle_input(arg)
    return "ok"
