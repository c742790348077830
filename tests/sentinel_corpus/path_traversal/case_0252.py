from flask import Flask, request

app = Flask(__name__)

def execute_step(value):
    with open("/var/www/static/" + value, "rb") as fh:
        content = fh.read()


@app.route("/report", methods=["GET", "POST"])
def action():
    value = request.args.get("ref", "")
    execute_step(value)
    return "ok"
