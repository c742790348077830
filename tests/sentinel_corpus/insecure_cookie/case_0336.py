from flask import Flask, request
from flask import make_response

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def lookup():
    arg = request.args["value"]
    response = make_response("ok")
    response.set_cookie("prefs", arg, secure=False, httponly=True)
    return response
