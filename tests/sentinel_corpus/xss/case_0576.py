from flask import Flask, request

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def lookup():
    text = request.args.get("name", "")
    html = "<p>You searched for: %s</p>" % text
    return html
