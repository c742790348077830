import hashlib
from flask import Flask, request

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def process():
    user_input = request.args.get("user", "")
    hasher = hashlib.new("md5")
    hasher.update(user_input.encode())
    digest = hasher.hexdigest()
    return "ok"
