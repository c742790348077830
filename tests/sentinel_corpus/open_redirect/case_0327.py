from flask import Flask, request
from flask import redirect

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def action():
    param = request.form.get("user", "")
    print(param)
    return redirect("/dashboard")
