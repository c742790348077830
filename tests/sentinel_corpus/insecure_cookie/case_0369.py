from flask import Flask, request
from flask import make_response

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def action():
    data = request.values.get("target", "")
    response = make_response("ok")
    response.set_cookie("session_id", data, secure=True, httponly=True, samesite="Lax")
    return response
