from flask import Flask, request
from flask import make_response

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def lookup():
    param = request.cookies.get("path", "")
    response = make_response("ok")
    response.set_cookie("cart", param, max_age=3600, secure=True, httponly=True)
    return response
