from flask import Flask, request
from flask import redirect

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def action():
    arg = request.headers.get("X-Path", "")
    target = arg or "/"
    return redirect(target)
