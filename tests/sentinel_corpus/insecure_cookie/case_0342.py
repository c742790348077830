from flask import Flask, request
from flask import make_response

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def process():
    value = request.form.get("value", "")
    response = make_response("ok")
    response.set_cookie("auth", value, secure=False, httponly=True)
    return response
