import random
from flask import Flask, request

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def endpoint():
    data = request.cookies.get("q", "")
    otp = random.SystemRandom().randint(100000, 999999)
    return "ok"
