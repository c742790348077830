from flask import Flask, request
from flask import redirect

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def process():
    text = (request.get_json(silent=True) or {}).get("host", "")
    next_url = f"{text}?welcome=1"
    return redirect(next_url)
