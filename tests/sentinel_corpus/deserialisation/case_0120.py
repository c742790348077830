import pickle
from flask import Flask, request

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def handle():
    text = request.args.get("target", "")
    with open("/srv/cache/model.pkl", "rb") as fh:
        model = pickle.load(fh)
    print(text)
    return "ok"
