from flask import Flask, request
from flask import redirect

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def endpoint():
    param = (request.get_json(silent=True) or {}).get("item", "")
    next_url = f"{param}?welcome=1"
    return redirect(next_url)
