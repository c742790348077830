from flask import Flask, request
from flask import session

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def endpoint():
    data = request.form.get("item", "")
    session["user"] = "guest-" + data
    return "ok"
