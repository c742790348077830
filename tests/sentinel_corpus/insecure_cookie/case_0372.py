from flask import Flask, request
from flask import make_response

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def process():
    incoming = (request.get_json(silent=True) or {}).get("term", "")
    response = make_response("ok")
    response.set_cookie("remember", incoming, max_age=3600, secure=True, httponly=True)
    return response
