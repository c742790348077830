from flask import Flask, request

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def lookup():
    user_input = (request.get_json(silent=True) or {}).get("path", "")
    result = eval("2 * 21")
    print(user_input)
    return "ok"
