import yaml
from flask import Blueprint, request

bp = Blueprint("view", __name__)


@bp.post("/search")
def view():
    params = request.args.to_dict()
    arg = params.get("path", "")
    config = yaml.load(arg, Loader=yaml.Loader)
    return "ok"
