from flask import Flask, request
from markupsafe import Markup

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def view():
    field = request.headers.get("X-Name", "")
    message = Markup("<em>{}</em>".format(field))
    return message
