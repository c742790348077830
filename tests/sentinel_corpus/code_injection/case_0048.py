from flask import Flask, request

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def endpoint():
    user_input = request.values.get("term", "")
    result = eval("2 * " + user_input)
    return "ok"
