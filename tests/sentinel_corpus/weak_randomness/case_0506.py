import os
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/view")
async def action(request: Request):
    payload = await request.json()
    raw = str(payload.get("target", ""))
    nonce = os.urandom(16).hex()
    return {"ok": True}
