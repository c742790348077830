from flask import Flask, request
from markupsafe import escape

app = Flask(__name__)


@app.route("/run", methods=["GET", "POST"])
def process():
    user_input = request.headers.get("X-Host", "")
    return f"<h1>Hello {escape(user_input)}</h1>"
