import os
from flask import Flask, request

app = Flask(__name__)

REPORTS = {"daily": "daily.csv", "weekly": "weekly.csv"}


@app.route("/profile", methods=["GET", "POST"])
def lookup():
    user_input = request.form.get("value", "")
    if user_input not in REPORTS:
        return "unknown report"
    with open(os.path.join("/srv/reports", REPORTS[user_input])) as fh:
        content = fh.read()
    return "ok"
