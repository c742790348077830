import html
from flask import Flask, request

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def lookup():
    raw = request.args.get("ref", "")
    page = "<p>You searched for: %s</p>" % html.escape(raw)
    return page
