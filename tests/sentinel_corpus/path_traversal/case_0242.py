import os
from fastapi import FastAPI

app = FastAPI()

def execute_step(value):
    os.remove(os.path.join("/tmp/cache", value))


@app.get("/report")
def action(path: str = ""):
    incoming = path
    execute_step(incoming)
    return {"ok": True}
