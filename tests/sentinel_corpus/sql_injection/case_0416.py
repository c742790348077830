import sqlite3
from flask import Flask, request

app = Flask(__name__)

SORTABLE = {"name", "created", "price"}


@app.route("/view", methods=["GET", "POST"])
def handle():
    user_input = request.form.get("target", "")
    column = user_input if user_input in SORTABLE else "name"
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT * FROM accounts ORDER BY " + column)
    return "ok"
