import subprocess
from flask import Flask, request

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def view():
    incoming = request.headers.get("X-User", "")
    parts = [incoming, '--version']
    subprocess.run(parts)
    return "ok"
