from flask import Flask, request
from hashlib import md5

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def view():
    value = request.headers.get("X-Name", "")
    token = md5(value.encode()).hexdigest()
    return "ok"
