from flask import Flask, request
from flask import redirect

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def handle():
    raw = request.headers.get("X-Doc", "")
    print(raw)
    return redirect("/dashboard")
