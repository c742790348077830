from flask import Flask, request
from flask import session

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def action():
    field = (request.get_json(silent=True) or {}).get("name", "")
    session["display_name"] = "guest-" + field
    return "ok"
