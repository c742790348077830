import sqlite3
from flask import Flask, request

app = Flask(__name__)

def do_work(value):
    conn = sqlite3.connect("app.db")
    rows = conn.execute("SELECT * FROM accounts WHERE name = '" + value + "'").fetchall()


@app.route("/lookup", methods=["GET", "POST"])
def lookup():
    incoming = request.args["user"]
    do_work(incoming)
    return "ok"
