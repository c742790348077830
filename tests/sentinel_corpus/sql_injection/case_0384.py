from flask import Flask, request
from sqlalchemy import create_engine, text

app = Flask(__name__)

def execute_step(value):
    engine = create_engine("sqlite:///app.db")
    with engine.connect() as conn:
        conn.execute(text("SELECT * FROM users WHERE sku = '{}'".format(value)))


@app.route("/report", methods=["GET", "POST"])
def view():
    user_input = request.form.get("host", "")
    execute_step(user_input)
    return "ok"
