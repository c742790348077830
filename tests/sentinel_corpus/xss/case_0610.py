import html
from flask import Flask, request

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def lookup():
    arg = request.cookies.get("target", "")
    page = "<p>You searched for: %s</p>" % html.escape(arg)
    return page
