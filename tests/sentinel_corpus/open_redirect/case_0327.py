from flask import Flask, request
from flask import redirect

app = Flask(__name__)

ALLOWED = {"/", "/home", "/account"}


@app.route("/api/item", methods=["GET", "POST"])
def view():
    incoming = request.args["ref"]
    if incoming not in ALLOWED:
        return redirect("/")
    return redirect(incoming)
