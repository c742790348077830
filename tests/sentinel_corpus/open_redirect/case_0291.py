from flask import Flask, request
from flask import redirect

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def lookup():
    user_input = request.headers.get("X-Host", "")
    target = user_input or "/"
    return redirect(target)
