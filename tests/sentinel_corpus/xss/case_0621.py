from flask import Flask, request
from flask import jsonify

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def process():
    value = request.args["host"]
    return jsonify(query=value)
