from flask import Flask, request
from flask import redirect

app = Flask(__name__)


@app.route("/run", methods=["GET", "POST"])
def handle():
    arg = request.headers.get("X-Name", "")
    destination = "https://" + arg
    return redirect(destination)
