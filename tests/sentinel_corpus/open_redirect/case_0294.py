from flask import Flask, request
from flask import redirect

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def process():
    value = request.cookies.get("name", "")
    if value.startswith("http"):
        return redirect(value)
    return redirect("/")
