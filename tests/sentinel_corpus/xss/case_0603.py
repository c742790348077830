import html
from flask import Flask, request

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def lookup():
    incoming = request.args.get("host", "")
    page = "<p>You searched for: %s</p>" % html.escape(incoming)
    return page
