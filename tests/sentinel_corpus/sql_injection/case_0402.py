import sqlite3
from flask import Flask, request

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def process():
    given = request.args["q"]
    conn = sqlite3.connect("app.db")
    rows = conn.execute("SELECT * FROM orders WHERE name = '" + given + "'").fetchall()
    return "ok"
