import hashlib
from flask import Flask, request

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def lookup():
    param = request.args.get("host", "")
    etag = hashlib.md5(param.encode(), usedforsecurity=False).hexdigest()
    return "ok"
