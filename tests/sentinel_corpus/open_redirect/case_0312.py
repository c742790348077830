from flask import Flask, request
from flask import redirect

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def handle():
    arg = request.cookies.get("host", "")
    target = arg if arg in ("/", "/settings") else "/"
    return redirect(target)
