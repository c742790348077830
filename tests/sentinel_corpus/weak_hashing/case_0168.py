import hashlib
from flask import Flask, request

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def endpoint():
    text = request.form.get("host", "")
    etag = hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()
    return "ok"
