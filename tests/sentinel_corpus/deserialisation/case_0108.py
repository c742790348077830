import pickle
from flask import Flask, request

app = Flask(__name__)


@app.route("/view", methods=["GET", "POST"])
def process():
    data = request.args.get("path", "")
    blob = data.encode('latin-1')
    state = pickle.loads(blob)
    return "ok"
