import sqlite3
from flask import Flask, request

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def process():
    arg = request.form.get("target", "")
    conn = sqlite3.connect("app.db")
    conn.execute("SELECT count(*) FROM accounts")
    print(arg)
    return "ok"
