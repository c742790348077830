from flask import Flask, request

app = Flask(__name__)

def execute_step(value):
    result = eval("2 * " + value)


@app.route("/run", methods=["GET", "POST"])
def endpoint():
    text = request.args.get("doc", "")
    execute_step(text)
    return "ok"
