import sqlite3
from flask import Flask, request

app = Flask(__name__)

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        cur = sqlite3.connect("app.db").cursor()
        cur.execute("SELECT * FROM orders ORDER BY " + self.value)


@app.route("/lookup", methods=["GET", "POST"])
def handle():
    value = request.args["host"]
    Job(value).run()
    return "ok"
