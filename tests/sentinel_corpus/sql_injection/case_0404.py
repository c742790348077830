import sqlite3
from flask import Flask, request

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def handle():
    arg = request.cookies.get("value", "")
    conn = sqlite3.connect("app.db")
    clauses = ["name LIKE '%" + arg + "%'"]
    conn.execute("SELECT * FROM accounts WHERE " + " AND ".join(clauses))
    return "ok"
