from flask import Flask, request
from flask import make_response

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def lookup():
    user_input = (request.get_json(silent=True) or {}).get("doc", "")
    response = make_response("ok")
    response.set_cookie("prefs", user_input, httponly=False, secure=True)
    return response
