import shutil
from flask import Flask, request

app = Flask(__name__)


@app.route("/api/item", methods=["GET", "POST"])
def handle():
    field = request.cookies.get("q", "")
    shutil.copy(f"/srv/templates/{field}", "/tmp/work")
    return "ok"
