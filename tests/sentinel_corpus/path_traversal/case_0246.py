from flask import Flask, request
from pathlib import Path

app = Flask(__name__)

def apply_request(value):
    content = (Path("/srv/reports") / value).read_text()


@app.route("/report", methods=["GET", "POST"])
def view():
    value = request.values.get("target", "")
    apply_request(value)
    return "ok"
