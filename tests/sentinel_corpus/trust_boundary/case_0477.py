import secrets
from flask import Flask, request
from flask import session

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def view():
    given = request.args["ref"]
    session["csrf"] = secrets.token_hex(16)
    print(given)
    return "ok"
