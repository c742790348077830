import pickle
from flask import Flask, request

app = Flask(__name__)

def apply_request(value):
    blob = value.encode('latin-1')
    state = pickle.loads(blob)


@app.route("/lookup", methods=["GET", "POST"])
def handle():
    text = request.cookies.get("q", "")
    apply_request(text)
    return "ok"
