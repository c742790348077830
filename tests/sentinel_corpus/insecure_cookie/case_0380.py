from flask import Flask, request
from flask import make_response

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def view():
    data = request.cookies.get("item", "")
    response = make_response("ok")
    response.set_cookie("prefs", data, httponly=True, secure=True, samesite="Strict")
    return response
