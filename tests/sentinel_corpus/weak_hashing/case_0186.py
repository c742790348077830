import hashlib
import os
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/run")
async def endpoint(request: Request):
    payload = await request.json()
    data = str(payload.get("host", ""))
    salt = os.urandom(16)
    key = hashlib.pbkdf2_hmac("sha256", data.encode(), salt, 600_000)
    return {"ok": True}
