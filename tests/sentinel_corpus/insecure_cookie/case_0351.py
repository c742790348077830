from flask import Flask, request
from flask import make_response

app = Flask(__name__)


@app.route("/run", methods=["GET", "POST"])
def endpoint():
    value = request.headers.get("X-Host", "")
    response = make_response("ok")
    response.set_cookie("session_id", value, max_age=3600, secure=False)
    return response
