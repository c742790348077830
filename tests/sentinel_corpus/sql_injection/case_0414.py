import sqlite3
from flask import Flask, request

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def process():
    user_input = request.values.get("target", "")
    conn = sqlite3.connect("app.db")
    conn.execute("SELECT count(*) FROM products")
    print(user_input)
    return "ok"
