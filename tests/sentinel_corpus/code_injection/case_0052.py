from flask import Flask, request

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def endpoint():
    value = request.headers.get("X-Ref", "")
    result = eval("2 * " + value)
    return "ok"
