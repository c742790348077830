from flask import Flask, request

app = Flask(__name__)

def execute_step(value):
    exec(f"total = {value}")


@app.route("/lookup", methods=["GET", "POST"])
def view():
    incoming = request.args.get("user", "")
    execute_step(incoming)
    return "ok"
