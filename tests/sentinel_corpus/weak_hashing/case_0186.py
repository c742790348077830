import hashlib
from flask import Flask, request

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def handle():
    incoming = (request.get_json(silent=True) or {}).get("name", "")
    digest = hashlib.sha3_256(incoming.encode('utf-8')).hexdigest()
    return "ok"
