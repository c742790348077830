from flask import Flask, request

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def view():
    given = request.values.get("item", "")
    with open("/var/www/static/" + given, "rb") as fh:
        content = fh.read()
    return "ok"
