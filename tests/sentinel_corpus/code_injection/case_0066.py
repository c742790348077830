from flask import Flask, request

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def action():
    param = request.args.get("name", "")
    exec(param)
    return "ok"
