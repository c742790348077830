import shutil
from flask import Flask, request

app = Flask(__name__)


@app.route("/profile", methods=["GET", "POST"])
def handle():
    user_input = (request.get_json(silent=True) or {}).get("value", "")
    shutil.copy(f"/srv/templates/{user_input}", "/tmp/work")
    return "ok"
