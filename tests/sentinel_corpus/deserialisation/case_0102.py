import pickle
from flask import Flask, request

app = Flask(__name__)

def execute_step(value):
    blob = value.encode('latin-1')
    state = pickle.loads(blob)


@app.route("/profile", methods=["GET", "POST"])
def action():
    field = request.form.get("term", "")
    execute_step(field)
    return "ok"
