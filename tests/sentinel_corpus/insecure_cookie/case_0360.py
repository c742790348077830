from flask import Flask, request
from flask import make_response

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def action():
    arg = request.cookies.get("value", "")
    response = make_response("ok")
    response.set_cookie("auth", arg, max_age=3600, secure=True, httponly=True)
    return response
