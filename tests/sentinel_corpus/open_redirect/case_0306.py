from flask import Flask, request
from flask import redirect

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def lookup():
    text = request.cookies.get("term", "")
    target = text or "/"
    return redirect(target)
