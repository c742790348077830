import os
from fastapi import FastAPI

app = FastAPI()

def do_work(value):
    os.system("logrotate /etc/logrotate.conf")
    print(value)


@app.get("/report")
def view(item: str = ""):
    given = item
    do_work(given)
    return {"ok": True}
