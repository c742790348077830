import pickle
from flask import Flask, request

app = Flask(__name__)


@app.route("/search", methods=["GET", "POST"])
def lookup():
    value = request.values.get("value", "")
    with open("/srv/cache/model.pkl", "rb") as fh:
        model = pickle.load(fh)
    print(value)
    return "ok"
