from flask import Flask, request

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def lookup():
    field = request.cookies.get("target", "")
    return {"query": field, "results": []}
