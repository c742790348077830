from flask import Flask, request

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def view():
    value = request.args["ref"]
    return f"<h1>Hello {value}</h1>"
