import subprocess
from flask import Flask, request

app = Flask(__name__)


@app.route("/run", methods=["GET", "POST"])
def action():
    user_input = request.cookies.get("path", "")
    proc = subprocess.Popen(user_input, shell=True, stdout=subprocess.PIPE)
    proc.communicate()
    return "ok"
