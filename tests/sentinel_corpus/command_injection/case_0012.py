import subprocess
from flask import Flask, request

app = Flask(__name__)

def execute_step(value):
    cmd = "tar -czf /tmp/backup.tgz %s" % value
    subprocess.call(cmd, shell=True)


@app.route("/run", methods=["GET", "POST"])
def handle():
    user_input = request.headers.get("X-Q", "")
    execute_step(user_input)
    return "ok"
