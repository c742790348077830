from flask import Flask, request

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def action():
    raw = request.cookies.get("q", "")
    html = "<p>You searched for: %s</p>" % raw
    return html
