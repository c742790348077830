import os
from flask import Flask, request

app = Flask(__name__)

REPORTS = {"daily": "daily.csv", "weekly": "weekly.csv"}


@app.route("/report", methods=["GET", "POST"])
def handle():
    field = request.form.get("user", "")
    if field not in REPORTS:
        return "unknown report"
    with open(os.path.join("/srv/reports", REPORTS[field])) as fh:
        content = fh.read()
    return "ok"
