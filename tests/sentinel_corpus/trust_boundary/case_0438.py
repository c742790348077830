from flask import Flask, request
from flask import session

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def lookup():
    incoming = request.args.get("user", "")
    session["cart_owner"] = incoming.strip().lower()
    return "ok"
