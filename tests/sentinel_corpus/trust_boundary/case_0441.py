from flask import Flask, request
from flask import session

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def view():
    field = request.headers.get("X-Term", "")
    session["cart_owner"] = field
    return "ok"
