from flask import Flask, request
from flask import make_response

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def handle():
    text = (request.get_json(silent=True) or {}).get("term", "")
    response = make_response("ok")
    response.set_cookie("session_id", text, httponly=False, secure=True)
    return response
