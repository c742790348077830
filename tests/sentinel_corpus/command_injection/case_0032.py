import subprocess
from flask import Flask, request

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def endpoint():
    incoming = request.values.get("item", "")
    count = int(incoming)
    subprocess.run(f"ping -c {count} localhost", shell=True)
    return "ok"
