import sqlite3
from flask import Flask, request

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def handle():
    given = request.form.get("term", "")
    cur = sqlite3.connect("app.db").cursor()
    cur.execute(f"SELECT id FROM products WHERE owner = '{given}'")
    return "ok"
