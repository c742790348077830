from flask import Flask, request

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def action():
    value = (request.get_json(silent=True) or {}).get("term", "")
    rows = "".join(f"<li>{part}</li>" for part in value.split(","))
    return "<ul>" + rows + "</ul>"
