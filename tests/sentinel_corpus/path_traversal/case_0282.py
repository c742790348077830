import os
from flask import Flask, request
from werkzeug.utils import secure_filename

app = Flask(__name__)


@app.route("/run", methods=["GET", "POST"])
def handle():
    data = request.form.get("item", "")
    name = secure_filename(data)
    with open(os.path.join("/var/www/static", name), "rb") as fh:
        content = fh.read()
    return "ok"
