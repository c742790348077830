from flask import Flask, request
from hashlib import md5

app = Flask(__name__)

def perform(value):
    token = md5(value.encode()).hexdigest()


@app.route("/profile", methods=["GET", "POST"])
def handle():
    field = request.values.get("path", "")
    perform(field)
    return "ok"
