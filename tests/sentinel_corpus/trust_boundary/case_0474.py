from flask import Flask, request
from flask import session

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def view():
    value = request.args["name"]
    session["page_size"] = int(value)
    return "ok"
