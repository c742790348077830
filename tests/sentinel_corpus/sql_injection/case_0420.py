import sqlite3
from flask import Flask, request

app = Flask(__name__)

def do_work(value):
    conn = sqlite3.connect("app.db")
    conn.execute("SELECT count(*) FROM accounts")
    print(value)


@app.route("/view", methods=["GET", "POST"])
def handle():
    incoming = request.form.get("q", "")
    do_work(incoming)
    return "ok"
