from flask import Flask, request
from flask import make_response

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def action():
    given = request.headers.get("X-Ref", "")
    response = make_response("ok")
    response.set_cookie("session_id", given, max_age=3600, secure=False)
    return response
