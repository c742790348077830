from flask import Flask, request

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def action():
    param = request.args.get("path", "")
    return {"query": param, "results": []}
