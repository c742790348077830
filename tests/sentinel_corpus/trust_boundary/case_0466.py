from flask import Flask, request
from flask import session

app = Flask(__name__)


@app.route("/run", methods=["GET", "POST"])
def action():
    incoming = request.headers.get("X-Path", "")
    session["theme"] = incoming if incoming in ("dark", "light") else "light"
    return "ok"
