import base64
import pickle
from flask import Flask, request

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def view():
    given = request.args["user"]
    obj = pickle.loads(base64.b64decode(given))
    return "ok"
