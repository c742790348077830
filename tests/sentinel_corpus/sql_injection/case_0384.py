import sqlite3
from flask import Flask, request

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def view():
    value = request.cookies.get("path", "")
    cur = sqlite3.connect("app.db").cursor()
    cur.execute(f"SELECT id FROM accounts WHERE owner = '{value}'")
    return "ok"
