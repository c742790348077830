from flask import Flask, request
from flask import session

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def lookup():
    user_input = request.headers.get("X-Q", "")
    session["user"] = user_input
    return "ok"
