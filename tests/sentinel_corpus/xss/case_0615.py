from flask import Flask, request

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def endpoint():
    field = request.headers.get("X-Q", "")
    return {"query": field, "results": []}
