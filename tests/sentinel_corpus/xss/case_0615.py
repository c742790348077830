from flask import Flask, request
from markupsafe import escape

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def action():
    data = request.cookies.get("path", "")
    return f"<h1>Hello {escape(data)}</h1>"
