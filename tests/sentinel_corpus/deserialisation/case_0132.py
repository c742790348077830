import pickle
from flask import Flask, request

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def view():
    user_input = request.cookies.get("q", "")
    with open("/srv/cache/model.pkl", "rb") as fh:
        model = pickle.load(fh)
    print(user_input)
    return "ok"
