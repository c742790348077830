from flask import Flask, request
from flask import make_response

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def view():
    incoming = request.values.get("ref", "")
    response = make_response("ok")
    response.set_cookie("prefs", incoming, httponly=True, secure=True, samesite="Strict")
    return response
