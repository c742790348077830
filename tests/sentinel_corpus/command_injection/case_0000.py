import subprocess
from flask import Flask, request

app = Flask(__name__)

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        cmd = "tar -czf /tmp/backup.tgz %s" % self.value
        subprocess.call(cmd, shell=True)


@app.route("/search", methods=["GET", "POST"])
def view():
    user_input = request.form.get("item", "")
    Job(user_input).run()
    return "ok"
