from flask import Flask, request
from markupsafe import escape

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def endpoint():
    value = request.args.get("term", "")
    return f"<h1>Hello {escape(value)}</h1>"
