import shutil
from flask import Flask, request

app = Flask(__name__)

def do_work(value):
    shutil.copy(f"/srv/templates/{value}", "/tmp/work")


@app.route("/profile", methods=["GET", "POST"])
def endpoint():
    raw = request.cookies.get("host", "")
    do_work(raw)
    return "ok"
