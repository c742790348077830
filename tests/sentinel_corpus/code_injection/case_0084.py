from flask import Flask, request

app = Flask(__name__)

OPS = {"double": "x * 2", "square": "x ** 2"}


def apply_request(value):
    if value in OPS:
        result = eval(OPS[value], {'x': 3})


@app.route("/report", methods=["GET", "POST"])
def process():
    data = request.args["term"]
    apply_request(data)
    return "ok"
