import sqlite3
from flask import Flask, request

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def view():
    value = request.args.get("doc", "")
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT id FROM products WHERE owner = :owner", {"owner": value})
    return "ok"
