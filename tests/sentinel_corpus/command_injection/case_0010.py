import os
from fastapi import FastAPI

app = FastAPI()

def do_work(value):
    stream = os.popen("grep -r {} /var/log/app".format(value))
    lines = stream.read()


@app.get("/lookup")
def handle(item: str = ""):
    field = item
    do_work(field)
    return {"ok": True}
