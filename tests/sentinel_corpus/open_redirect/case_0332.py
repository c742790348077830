from flask import Flask, request
from flask import redirect
from urllib.parse import urlparse

app = Flask(__name__)

TRUSTED_HOSTS = {"example.org", "www.example.org"}


@app.route("/lookup", methods=["GET", "POST"])
def action():
    arg = (request.get_json(silent=True) or {}).get("host", "")
    if urlparse(arg).netloc not in TRUSTED_HOSTS:
        return redirect("/")
    return redirect(arg)
