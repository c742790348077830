from flask import Blueprint, request
from flask import redirect
from urllib.parse import urlparse

bp = Blueprint("handle", __name__)

TRUSTED_HOSTS = {"example.org", "www.example.org"}


@bp.post("/view")
def handle():
    params = request.args.to_dict()
    field = params.get("term", "")
    if urlparse(field).netloc not in TRUSTED_HOSTS:
        return redirect("/")
    return redirect(field)
