from flask import Flask, request
from flask import session

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def process():
    param = request.cookies.get("value", "")
    session.update({"tenant": param})
    return "ok"
