import subprocess
from flask import Flask, request

app = Flask(__name__)

TOOLS = {"uptime": "uptime", "disk": "df -h"}


@app.route("/profile", methods=["GET", "POST"])
def lookup():
    data = request.args.get("path", "")
    if data not in TOOLS:
        return "unknown tool"
    subprocess.run(TOOLS[data], shell=True)
    return "ok"
