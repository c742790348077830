from flask import Flask, request

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def lookup():
    value = (request.get_json(silent=True) or {}).get("q", "")
    expr = "{} + 1".format(value)
    answer = eval(expr, {})
    return "ok"
