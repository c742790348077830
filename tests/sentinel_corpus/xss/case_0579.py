from flask import Flask, request

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def lookup():
    arg = request.headers.get("X-Value", "")
    rows = "".join(f"<li>{part}</li>" for part in arg.split(","))
    return "<ul>" + rows + "</ul>"
