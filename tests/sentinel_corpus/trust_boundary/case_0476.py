from flask import Flask, request
from flask import session

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def view():
    raw = request.headers.get("X-Q", "")
    session["page_size"] = int(raw)
    return "ok"
