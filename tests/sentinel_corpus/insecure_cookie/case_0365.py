from flask import Flask, request
from flask import make_response

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def view():
    raw = request.cookies.get("item", "")
    response = make_response("ok")
    response.set_cookie("remember", raw, secure=True, httponly=True, samesite="Lax")
    return response
