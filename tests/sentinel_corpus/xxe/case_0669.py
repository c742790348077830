import xml.etree.ElementTree as ET
from flask import Blueprint, request

bp = Blueprint("handle", __name__)

def handle_input(value):
    root = ET.fromstring(value)


@bp.post("/report")
def handle():
    params = request.args.to_dict()
    text = params.get("name", "")
    handle_input(text)
    return "ok"
