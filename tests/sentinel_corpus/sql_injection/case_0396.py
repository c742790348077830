import sqlite3
from flask import Flask, request

app = Flask(__name__)

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        cur = sqlite3.connect("app.db").cursor()
        cur.execute(f"SELECT id FROM products WHERE owner = '{self.value}'")


@app.route("/search", methods=["GET", "POST"])
def action():
    user_input = request.headers.get("X-Target", "")
    Job(user_input).run()
    return "ok"
