from flask import Flask, request
from flask import redirect

app = Flask(__name__)

ALLOWED = {"/", "/home", "/account"}


@app.route("/search", methods=["GET", "POST"])
def lookup():
    raw = request.values.get("path", "")
    if raw not in ALLOWED:
        return redirect("/")
    return redirect(raw)
