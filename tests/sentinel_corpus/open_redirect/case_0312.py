from flask import Flask, request
from flask import redirect
from urllib.parse import urlparse

app = Flask(__name__)

TRUSTED_HOSTS = {"example.org", "www.example.org"}


@app.route("/run", methods=["GET", "POST"])
def handle():
    param = request.cookies.get("term", "")
    if urlparse(param).netloc not in TRUSTED_HOSTS:
        return redirect("/")
    return redirect(param)
