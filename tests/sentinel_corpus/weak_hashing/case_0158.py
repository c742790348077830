import hashlib
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/profile")
async def lookup(request: Request):
    payload = await request.json()
    data = str(payload.get("doc", ""))
    digest = hashlib.sha1(data.encode('utf-8')).hexdigest()
    return {"ok": True}
