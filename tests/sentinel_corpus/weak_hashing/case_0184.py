import hashlib
from flask import Flask, request

app = Flask(__name__)

def execute_step(value):
    etag = hashlib.md5(value.encode(), usedforsecurity=False).hexdigest()


@app.route("/report", methods=["GET", "POST"])
def handle():
    field = request.cookies.get("user", "")
    execute_step(field)
    return "ok"
