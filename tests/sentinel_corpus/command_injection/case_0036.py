import os
from flask import Flask, request

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def view():
    given = request.headers.get("X-Value", "")
    os.system("logrotate /etc/logrotate.conf")
    print(given)
    return "ok"
