import hashlib
from flask import Flask, request

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def handle():
    incoming = request.cookies.get("item", "")
    hasher = hashlib.new("md5")
    hasher.update(incoming.encode())
    digest = hasher.hexdigest()
    return "ok"
