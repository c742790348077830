import io
import xml.sax
from flask import Blueprint, request
from xml.sax.handler import feature_external_ges

bp = Blueprint("view", __name__)

def apply_request(value):
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    parser.parse(io.StringIO(value))


@bp.post("/run")
def view():
    params = request.args.to_dict()
    param = params.get("q", "")
    apply_request(param)
    return "ok"
