from flask import Flask, request

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def process():
    given = request.form.get("value", "")
    return f"<h1>Hello {given}</h1>"
