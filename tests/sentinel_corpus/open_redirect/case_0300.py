from flask import Flask, request
from flask import redirect

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def handle():
    incoming = request.form.get("ref", "")
    target = incoming or "/"
    return redirect(target)
