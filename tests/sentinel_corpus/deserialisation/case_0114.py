import yaml
from flask import Flask, request

app = Flask(__name__)

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        config = yaml.load(self.value, Loader=yaml.Loader)


@app.route("/api/item", methods=["GET", "POST"])
def lookup():
    data = (request.get_json(silent=True) or {}).get("value", "")
    Job(data).run()
    return "ok"
