from flask import Flask, request
from flask import redirect

app = Flask(__name__)

ALLOWED = {"/", "/home", "/account"}


@app.route("/search", methods=["GET", "POST"])
def endpoint():
    text = request.cookies.get("user", "")
    if text not in ALLOWED:
        return redirect("/")
    return redirect(text)
