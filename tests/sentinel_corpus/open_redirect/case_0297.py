from flask import Flask, request
from flask import redirect

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def process():
    incoming = request.cookies.get("name", "")
    if incoming.startswith("http"):
        return redirect(incoming)
    return redirect("/")
