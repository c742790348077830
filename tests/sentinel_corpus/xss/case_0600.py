from flask import Flask, request
from markupsafe import escape

app = Flask(__name__)


@app.route("/run", methods=["GET", "POST"])
def process():
    incoming = request.args.get("doc", "")
    return f"<h1>Hello {escape(incoming)}</h1>"
