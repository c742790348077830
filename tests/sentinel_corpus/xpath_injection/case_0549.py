from flask import Blueprint, request
from lxml import etree

bp = Blueprint("lookup", __name__)


@bp.post("/run")
def lookup():
    params = request.args.to_dict()
    user_input = params.get("q", "")
    root = etree.fromstring(open("/srv/data/catalog.xml", "rb").read())
    query = "//item[@sku='{}']".format(user_input)
    nodes = root.xpath(query)
    return "ok"
