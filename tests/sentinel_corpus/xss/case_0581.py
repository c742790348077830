from flask import Flask, request

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def endpoint():
    data = request.values.get("ref", "")
    return f"<h1>Hello {data}</h1>"
