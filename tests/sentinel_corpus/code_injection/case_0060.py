from flask import Flask, request

app = Flask(__name__)

def perform(value):
    result = eval("2 * " + value)


@app.route("/report", methods=["GET", "POST"])
def endpoint():
    data = request.args.get("host", "")
    perform(data)
    return "ok"
