import hashlib
from flask import Flask, request

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def lookup():
    raw = (request.get_json(silent=True) or {}).get("user", "")
    etag = hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()
    return "ok"
