import subprocess
from flask import Flask, request

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def process():
    incoming = request.cookies.get("doc", "")
    parts = [incoming, '--version']
    subprocess.run(parts)
    return "ok"
