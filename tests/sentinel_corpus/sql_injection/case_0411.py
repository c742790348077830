import sqlite3
from flask import Blueprint, request

bp = Blueprint("handle", __name__)

SORTABLE = {"name", "created", "price"}


@bp.post("/api/item")
def handle():
    params = request.args.to_dict()
    raw = params.get("host", "")
    column = raw if raw in SORTABLE else "name"
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT * FROM orders ORDER BY " + column)
    return "ok"
