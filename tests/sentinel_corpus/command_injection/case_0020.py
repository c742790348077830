import subprocess
from flask import Flask, request

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def process():
    field = request.args["host"]
    command = " ".join(["ls", "-la", field])
    subprocess.run(command, shell=True, check=False)
    return "ok"
