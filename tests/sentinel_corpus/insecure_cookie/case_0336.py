from flask import Flask, request
from flask import make_response

app = Flask(__name__)


@app.route("/run", methods=["GET", "POST"])
def lookup():
    incoming = request.args["user"]
    response = make_response("ok")
    response.set_cookie("cart", incoming, samesite="None")
    return response
