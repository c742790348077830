from flask import Flask, request
from flask import make_response

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def view():
    given = request.args.get("item", "")
    response = make_response("ok")
    response.set_cookie("session_id", given, max_age=3600, secure=False)
    return response
