from flask import Flask, request
from flask import make_response

app = Flask(__name__)


@app.route("/run", methods=["GET", "POST"])
def process():
    raw = (request.get_json(silent=True) or {}).get("doc", "")
    response = make_response("ok")
    response.set_cookie("prefs", raw, secure=False, httponly=True)
    return response
