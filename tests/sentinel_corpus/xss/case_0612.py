from flask import Flask, request
from markupsafe import escape

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def view():
    given = request.args["term"]
    return f"<h1>Hello {escape(given)}</h1>"
