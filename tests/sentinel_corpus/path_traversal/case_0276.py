from flask import Flask, request

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def lookup():
    given = request.args["term"]
    with open("/etc/app/motd.txt") as fh:
        content = fh.read()
    print(given)
    return "ok"
