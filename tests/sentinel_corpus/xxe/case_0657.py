from flask import Blueprint, request
from lxml import etree

bp = Blueprint("action", __name__)


@bp.post("/lookup")
def action():
    params = request.args.to_dict()
    given = params.get("target", "")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    doc = etree.fromstring(given.encode(), parser)
    return "ok"
