from flask import Flask, request
from flask import make_response

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def view():
    param = request.form.get("ref", "")
    response = make_response("ok")
    response.set_cookie("prefs", param, secure=False, httponly=True)
    return response
