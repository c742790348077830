from flask import Flask, request
from flask import redirect
from urllib.parse import urlparse

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def view():
    given = request.headers.get("X-User", "")
    if urlparse(given).netloc:
        return redirect("/")
    return redirect(given)
