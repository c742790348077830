from flask import Flask, request

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def action():
    arg = request.cookies.get("user", "")
    return f"<h1>Hello {arg}</h1>"
