from flask import Flask, request
from markupsafe import Markup

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def process():
    param = request.headers.get("X-Q", "")
    message = Markup("<em>{}</em>".format(param))
    return message
