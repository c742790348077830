import xml.etree.ElementTree as ET
from flask import Flask, request

app = Flask(__name__)

def do_work(value):
    root = ET.fromstring(value)


@app.route("/view", methods=["GET", "POST"])
def view():
    arg = request.headers.get("X-Target", "")
    do_work(arg)
    return "ok"
