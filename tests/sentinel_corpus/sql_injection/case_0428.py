import sqlite3
from flask import Flask, request

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def handle():
    raw = request.headers.get("X-Target", "")
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT id FROM users WHERE owner = :owner", {"owner": raw})
    return "ok"
