import sqlite3
from flask import Blueprint, request

bp = Blueprint("handle", __name__)


@bp.post("/report")
def handle():
    params = request.args.to_dict()
    user_input = params.get("user", "")
    conn = sqlite3.connect("app.db")
    conn.execute("SELECT count(*) FROM users")
    print(user_input)
    return "ok"
