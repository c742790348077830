import io
import xml.sax
from flask import Flask, request

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def handle():
    data = request.values.get("path", "")
    parser = xml.sax.make_parser()
    parser.parse(io.StringIO(data))
    return "ok"
