import subprocess
from flask import Flask, request

app = Flask(__name__)

def handle_input(value):
    count = int(value)
    subprocess.run(f"ping -c {count} localhost", shell=True)


@app.route("/api/item", methods=["GET", "POST"])
def endpoint():
    raw = (request.get_json(silent=True) or {}).get("q", "")
    handle_input(raw)
    return "ok"
