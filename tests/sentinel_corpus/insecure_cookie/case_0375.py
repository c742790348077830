from flask import Flask, request
from flask import make_response

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def view():
    incoming = request.args["user"]
    response = make_response("ok")
    response.set_cookie("session_id", incoming, secure=True, httponly=True)
    return response
