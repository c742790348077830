from flask import Flask, request

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def lookup():
    param = request.args["host"]
    rows = "".join(f"<li>{part}</li>" for part in param.split(","))
    return "<ul>" + rows + "</ul>"
