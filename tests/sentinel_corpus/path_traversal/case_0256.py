from flask import Flask, request

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def view():
    given = request.args["q"]
    with open("/var/www/static/" + given, "rb") as fh:
        content = fh.read()
    return "ok"
