import sqlite3
from flask import Flask, request

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def handle():
    incoming = request.values.get("path", "")
    conn = sqlite3.connect("app.db")
    rows = conn.execute("SELECT * FROM products WHERE name = ?", (incoming,)).fetchall()
    return "ok"
