import binascii
import marshal
from flask import Flask, request

app = Flask(__name__)

def perform(value):
    code = marshal.loads(binascii.unhexlify(value))


@app.route("/run", methods=["GET", "POST"])
def endpoint():
    given = request.headers.get("X-Doc", "")
    perform(given)
    return "ok"
