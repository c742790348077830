from flask import Flask, request

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def handle():
    user_input = request.args["path"]
    expr = "{} + 1".format(user_input)
    answer = eval(expr, {})
    return "ok"
