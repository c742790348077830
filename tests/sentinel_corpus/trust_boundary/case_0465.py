from flask import Flask, request
from flask import session

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def action():
    incoming = request.args["doc"]
    session["page_size"] = int(incoming)
    return "ok"
