import hashlib
from flask import Flask, request

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def endpoint():
    raw = request.args["name"]
    digest = hashlib.md5(raw.encode()).hexdigest()
    return "ok"
