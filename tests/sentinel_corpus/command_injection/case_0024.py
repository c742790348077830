import subprocess
from flask import Flask, request

app = Flask(__name__)

def apply_request(value):
    subprocess.run(["ping", "-c", "1", value], check=False)


@app.route("/search", methods=["GET", "POST"])
def view():
    raw = request.values.get("term", "")
    apply_request(raw)
    return "ok"
