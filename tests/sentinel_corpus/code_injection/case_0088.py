from flask import Flask, request

app = Flask(__name__)

OPS = {"double": "x * 2", "square": "x ** 2"}


@app.route("/view", methods=["GET", "POST"])
def process():
    param = request.form.get("q", "")
    if param in OPS:
        result = eval(OPS[param], {'x': 3})
    return "ok"
