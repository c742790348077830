import binascii
import marshal
from flask import Flask, request

app = Flask(__name__)

def execute_step(value):
    code = marshal.loads(binascii.unhexlify(value))


@app.route("/run", methods=["GET", "POST"])
def handle():
    data = request.form.get("user", "")
    execute_step(data)
    return "ok"
