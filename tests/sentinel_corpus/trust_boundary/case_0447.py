from flask import Flask, request
from flask import session

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def endpoint():
    incoming = request.values.get("item", "")
    session["cart_owner"] = "guest-" + incoming
    return "ok"
