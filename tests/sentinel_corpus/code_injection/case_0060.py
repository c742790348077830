from flask import Flask, request

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def endpoint():
    given = (request.get_json(silent=True) or {}).get("value", "")
    exec(f"total = {given}")
    return "ok"
