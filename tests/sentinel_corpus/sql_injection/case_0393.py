import sqlite3
from flask import Blueprint, request

bp = Blueprint("view", __name__)


@bp.post("/view")
def view():
    params = request.args.to_dict()
    user_input = params.get("term", "")
    conn = sqlite3.connect("app.db")
    clauses = ["name LIKE '%" + user_input + "%'"]
    conn.execute("SELECT * FROM products WHERE " + " AND ".join(clauses))
    return "ok"
