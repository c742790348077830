from flask import Blueprint, request
from sqlalchemy import create_engine, text

bp = Blueprint("endpoint", __name__)


@bp.post("/report")
def endpoint():
    params = request.args.to_dict()
    param = params.get("doc", "")
    engine = create_engine("sqlite:///app.db")
    with engine.connect() as conn:
        conn.execute(text("SELECT * FROM accounts WHERE sku = '{}'".format(param)))
    return "ok"
