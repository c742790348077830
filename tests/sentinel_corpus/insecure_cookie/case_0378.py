from flask import Flask, request
from flask import make_response

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def view():
    text = request.args.get("item", "")
    response = make_response("ok")
    response.set_cookie("cart", text, max_age=3600, secure=True, httponly=True)
    return response
