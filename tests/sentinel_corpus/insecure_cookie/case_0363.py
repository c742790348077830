from flask import Flask, request
from flask import make_response

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def action():
    user_input = request.values.get("ref", "")
    response = make_response("ok")
    response.set_cookie("prefs", user_input, max_age=3600, secure=True, httponly=True)
    return response
