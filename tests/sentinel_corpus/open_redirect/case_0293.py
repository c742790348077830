from flask import Flask, request
from flask import redirect

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def view():
    param = request.form.get("ref", "")
    destination = "https://" + param
    return redirect(destination)
