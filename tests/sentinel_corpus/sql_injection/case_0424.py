import sqlite3
from flask import Flask, request

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def lookup():
    given = request.values.get("ref", "")
    db = sqlite3.connect("app.db")
    query = "DELETE FROM accounts WHERE id = %d" % int(given)
    db.execute(query)
    return "ok"
