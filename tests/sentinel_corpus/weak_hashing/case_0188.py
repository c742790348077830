import hashlib
from flask import Flask, request

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def endpoint():
    data = request.values.get("value", "")
    digest = hashlib.sha256(data.encode()).hexdigest()
    return "ok"
