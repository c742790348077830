from flask import Flask, request

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def view():
    param = request.headers.get("X-Value", "")
    result = eval(str(int(param)) + ' * 2')
    return "ok"
