import sqlite3
from flask import Blueprint, request

bp = Blueprint("process", __name__)

SORTABLE = {"name", "created", "price"}


@bp.post("/lookup")
def process():
    params = request.args.to_dict()
    arg = params.get("value", "")
    column = arg if arg in SORTABLE else "name"
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT * FROM users ORDER BY " + column)
    return "ok"
