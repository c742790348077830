import sqlite3
from flask import Flask, request

app = Flask(__name__)


@app.route("/run", methods=["GET", "POST"])
def handle():
    data = (request.get_json(silent=True) or {}).get("value", "")
    db = sqlite3.connect("app.db")
    query = "DELETE FROM users WHERE id = %d" % int(data)
    db.execute(query)
    return "ok"
