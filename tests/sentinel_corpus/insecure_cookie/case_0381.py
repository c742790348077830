from flask import Flask, request
from flask import make_response

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def lookup():
    raw = request.args["name"]
    response = make_response("ok")
    response.set_cookie("prefs", raw, secure=True, httponly=True)
    return response
