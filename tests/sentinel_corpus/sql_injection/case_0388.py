import sqlite3
from flask import Flask, request

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def action():
    arg = request.headers.get("X-User", "")
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT * FROM accounts ORDER BY " + arg)
    return "ok"
