from flask import Flask, request
from sqlalchemy import create_engine, text

app = Flask(__name__)


@app.route("/run", methods=["GET", "POST"])
def lookup():
    value = request.values.get("item", "")
    engine = create_engine("sqlite:///app.db")
    with engine.connect() as conn:
        conn.execute(text("SELECT * FROM users WHERE sku = '{}'".format(value)))
    return "ok"
