from flask import Flask, request

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def view():
    text = (request.get_json(silent=True) or {}).get("term", "")
    exec("import this")
    label = text.strip()
    return "ok"
