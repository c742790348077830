from flask import Blueprint, request
from sqlalchemy import create_engine, text

bp = Blueprint("process", __name__)

def do_work(value):
    engine = create_engine("sqlite:///app.db")
    with engine.connect() as conn:
        conn.execute(text("SELECT * FROM products WHERE sku = :sku"), {"sku": value})


@bp.post("/run")
def process():
    params = request.args.to_dict()
    field = params.get("user", "")
    do_work(field)
    return "ok"
