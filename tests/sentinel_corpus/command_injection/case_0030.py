import os
import shlex
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()

def handle_input(value):
    os.system("ping -c 1 " + shlex.quote(value))


@app.post("/lookup")
async def lookup(request: Request):
    payload = await request.json()
    raw = str(payload.get("path", ""))
    handle_input(raw)
    return {"ok": True}
