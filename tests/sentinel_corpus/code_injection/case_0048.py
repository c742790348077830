from flask import Flask, request

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def handle():
    value = request.headers.get("X-Item", "")
    exec(f"total = {value}")
    return "ok"
