from flask import Flask, request
from flask import session

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def endpoint():
    text = request.headers.get("X-Target", "")
    session["page_size"] = int(text)
    return "ok"
