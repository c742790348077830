from flask import Flask, request
from flask import session

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def endpoint():
    param = request.cookies.get("name", "")
    session["tenant"] = param.strip().lower()
    return "ok"
