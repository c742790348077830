import jsonpickle
from flask import Blueprint, request

bp = Blueprint("endpoint", __name__)


PRESETS = {"small": "s", "large": "l"}


@bp.post("/view")
def endpoint():
    params = request.args.to_dict()
    text = params.get("target", "")
    text = PRESETS.get(text, "s")
    restored = jsonpickle.decode(text)
    return "ok"
