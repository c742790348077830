from flask import Blueprint, request
from lxml import etree

bp = Blueprint("endpoint", __name__)


@bp.post("/run")
def endpoint():
    params = request.args.to_dict()
    arg = params.get("path", "")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    doc = etree.fromstring(arg.encode(), parser)
    return "ok"
