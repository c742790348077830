import hashlib
from flask import Flask, request

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def endpoint():
    incoming = request.args.get("ref", "")
    etag = hashlib.md5(incoming.encode(), usedforsecurity=False).hexdigest()
    return "ok"
