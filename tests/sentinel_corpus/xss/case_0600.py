from flask import Flask, request
from markupsafe import escape

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def action():
    user_input = request.cookies.get("name", "")
    return f"<h1>Hello {escape(user_input)}</h1>"
