from flask import Flask, request
from flask import make_response

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def view():
    field = request.args.get("ref", "")
    response = make_response("ok")
    response.set_cookie("remember", field, secure=True, httponly=True)
    return response
