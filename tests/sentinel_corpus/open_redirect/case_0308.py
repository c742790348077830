from flask import Flask, request
from flask import redirect

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def view():
    given = request.args.get("item", "")
    return redirect(given)
