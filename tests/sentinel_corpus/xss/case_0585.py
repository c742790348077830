from flask import Flask, request

app = Flask(__name__)


@app.route("/report", methods=["GET", "POST"])
def endpoint():
    field = request.form.get("item", "")
    rows = "".join(f"<li>{part}</li>" for part in field.split(","))
    return "<ul>" + rows + "</ul>"
