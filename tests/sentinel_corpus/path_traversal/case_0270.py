import os
from flask import Flask, request

app = Flask(__name__)

REPORTS = {"daily": "daily.csv", "weekly": "weekly.csv"}


@app.route("/profile", methods=["GET", "POST"])
def lookup():
    value = request.values.get("ref", "")
    if value not in REPORTS:
        return "unknown report"
    with open(os.path.join("/srv/reports", REPORTS[value])) as fh:
        content = fh.read()
    return "ok"
