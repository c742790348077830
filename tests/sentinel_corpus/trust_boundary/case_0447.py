from flask import Flask, request
from flask import session

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def process():
    text = request.form.get("ref", "")
    profile = {"name": text, "verified": False}
    session["profile"] = profile
    return "ok"
