import sqlite3
from flask import Flask, request

app = Flask(__name__)

def apply_request(value):
    db = sqlite3.connect("app.db")
    query = "DELETE FROM orders WHERE id = %d" % int(value)
    db.execute(query)


@app.route("/view", methods=["GET", "POST"])
def handle():
    param = request.cookies.get("doc", "")
    apply_request(param)
    return "ok"
