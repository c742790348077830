from flask import Flask, request

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def action():
    value = request.args["term"]
    html = "<p>You searched for: %s</p>" % value
    return html
