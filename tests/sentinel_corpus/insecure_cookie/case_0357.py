from flask import Flask, request
from flask import make_response

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def process():
    incoming = request.form.get("name", "")
    response = make_response("ok")
    response.set_cookie("session_id", incoming, max_age=3600, secure=False)
    return response
