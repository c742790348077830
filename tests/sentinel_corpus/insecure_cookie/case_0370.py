from flask import Flask, request
from flask import make_response

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def handle():
    user_input = request.args.get("item", "")
    response = make_response("ok")
    response.set_cookie("cart", user_input, secure=True, httponly=True)
    return response
