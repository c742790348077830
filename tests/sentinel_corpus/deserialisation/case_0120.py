import pickle
from flask import Flask, request

app = Flask(__name__)

def execute_step(value):
    snapshot = pickle.dumps({'query': value})
    copy = pickle.loads(snapshot)


@app.route("/run", methods=["GET", "POST"])
def process():
    user_input = request.form.get("term", "")
    execute_step(user_input)
    return "ok"
