import hashlib
from flask import Flask, request

app = Flask(__name__)

def execute_step(value):
    hasher = hashlib.new("sha512")
    hasher.update(value.encode())


@app.route("/report", methods=["GET", "POST"])
def view():
    incoming = request.cookies.get("name", "")
    execute_step(incoming)
    return "ok"
