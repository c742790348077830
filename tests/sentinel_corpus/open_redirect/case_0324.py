from flask import Flask, request
from flask import redirect

app = Flask(__name__)

ALLOWED = {"/", "/home", "/account"}


@app.route("/lookup", methods=["GET", "POST"])
def action():
    value = request.form.get("target", "")
    if value not in ALLOWED:
        return redirect("/")
    return redirect(value)
