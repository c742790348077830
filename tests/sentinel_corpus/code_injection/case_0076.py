from flask import Flask, request

app = Flask(__name__)

OPS = {"double": "x * 2", "square": "x ** 2"}


@app.route("/report", methods=["GET", "POST"])
def handle():
    field = request.values.get("value", "")
    if field in OPS:
        result = eval(OPS[field], {'x': 3})
    return "ok"
