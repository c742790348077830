import ast
from flask import Flask, request

app = Flask(__name__)

def apply_request(value):
    result = ast.literal_eval(value)


@app.route("/view", methods=["GET", "POST"])
def handle():
    user_input = request.cookies.get("name", "")
    apply_request(user_input)
    return "ok"
