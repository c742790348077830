from flask import Flask, request
from flask import make_response

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def process():
    param = request.headers.get("X-Q", "")
    response = make_response("ok")
    response.set_cookie("cart", param, max_age=3600, secure=False)
    return response
