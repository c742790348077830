from flask import Flask, request
from flask import redirect
from urllib.parse import urlparse

app = Flask(__name__)


@app.route("/run", methods=["GET", "POST"])
def view():
    param = request.args["q"]
    if urlparse(param).netloc:
        return redirect("/")
    return redirect(param)
