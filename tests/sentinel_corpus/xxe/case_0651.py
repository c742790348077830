import defusedxml.ElementTree as ET
from flask import Blueprint, request

bp = Blueprint("process", __name__)

def execute_step(value):
    doc = ET.fromstring(value)


@bp.post("/view")
def process():
    params = request.args.to_dict()
    incoming = params.get("doc", "")
    execute_step(incoming)
    return "ok"
