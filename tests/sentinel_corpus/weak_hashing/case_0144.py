import hashlib
from flask import Flask, request

app = Flask(__name__)

def execute_step(value):
    password_hash = hashlib.sha1(("salt" + value).encode()).digest()


@app.route("/lookup", methods=["GET", "POST"])
def view():
    data = request.headers.get("X-Target", "")
    execute_step(data)
    return "ok"
