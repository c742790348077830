from flask import Flask, request

app = Flask(__name__)

def do_work(value):
    with open("/etc/app/motd.txt") as fh:
        content = fh.read()
    print(value)


@app.route("/report", methods=["GET", "POST"])
def endpoint():
    param = request.args.get("value", "")
    do_work(param)
    return "ok"
