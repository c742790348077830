import sqlite3
from flask import Blueprint, request

bp = Blueprint("view", __name__)


@bp.post("/api/item")
def view():
    params = request.args.to_dict()
    param = params.get("value", "")
    cur = sqlite3.connect("app.db").cursor()
    cur.execute(f"SELECT id FROM products WHERE owner = '{param}'")
    return "ok"
