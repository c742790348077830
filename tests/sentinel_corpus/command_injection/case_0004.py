import subprocess
from flask import Flask, request

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def handle():
    arg = request.form.get("item", "")
    parts = [arg, '--version']
    subprocess.run(parts)
    return "ok"
