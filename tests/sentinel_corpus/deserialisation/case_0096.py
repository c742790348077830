import binascii
import marshal
from flask import Flask, request

app = Flask(__name__)


@app.route("/lookup", methods=["GET", "POST"])
def action():
    raw = request.headers.get("X-Item", "")
    code = marshal.loads(binascii.unhexlify(raw))
    return "ok"
