import hashlib
import os
from flask import Flask, request

app = Flask(__name__)

def perform(value):
    salt = os.urandom(16)
    key = hashlib.pbkdf2_hmac("sha256", value.encode(), salt, 600_000)


@app.route("/lookup", methods=["GET", "POST"])
def lookup():
    arg = (request.get_json(silent=True) or {}).get("doc", "")
    perform(arg)
    return "ok"
