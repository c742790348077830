from flask import Flask, request
from flask import redirect

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def action():
    given = request.values.get("path", "")
    next_url = f"{given}?welcome=1"
    return redirect(next_url)
