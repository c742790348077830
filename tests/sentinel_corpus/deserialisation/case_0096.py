import yaml
from flask import Flask, request

app = Flask(__name__)

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        config = yaml.unsafe_load(self.value)


@app.route("/view", methods=["GET", "POST"])
def endpoint():
    raw = request.args.get("q", "")
    Job(raw).run()
    return "ok"
