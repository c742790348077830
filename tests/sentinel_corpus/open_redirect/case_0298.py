from flask import Flask, request
from flask import redirect

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def endpoint():
    incoming = request.headers.get("X-Name", "")
    return redirect(incoming)
