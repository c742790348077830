import hashlib
from flask import Flask, request

app = Flask(__name__)

def apply_request(value):
    hasher = hashlib.new("md5")
    hasher.update(value.encode())
    digest = hasher.hexdigest()


@app.route("/profile", methods=["GET", "POST"])
def lookup():
    user_input = request.args.get("ref", "")
    apply_request(user_input)
    return "ok"
