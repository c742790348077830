import hashlib
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/run")
async def action(request: Request):
    payload = await request.json()
    raw = str(payload.get("target", ""))
    password_hash = hashlib.sha1(("salt" + raw).encode()).digest()
    return {"ok": True}
