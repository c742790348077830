import subprocess
from flask import Flask, request

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def view():
    arg = request.values.get("path", "")
    proc = subprocess.Popen(arg, shell=True, stdout=subprocess.PIPE)
    proc.communicate()
    return "ok"
