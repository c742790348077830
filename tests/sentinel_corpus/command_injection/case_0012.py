import subprocess
from flask import Flask, request

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def view():
    data = request.headers.get("X-Value", "")
    command = " ".join(["ls", "-la", data])
    subprocess.run(command, shell=True, check=False)
    return "ok"
