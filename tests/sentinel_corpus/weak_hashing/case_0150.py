import hashlib
from flask import Flask, request

app = Flask(__name__)

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        password_hash = hashlib.sha1(("salt" + self.value).encode()).digest()


@app.route("/run", methods=["GET", "POST"])
def lookup():
    param = request.args.get("user", "")
    Job(param).run()
    return "ok"
