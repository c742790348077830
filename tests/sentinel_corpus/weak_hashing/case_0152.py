import hashlib
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/api/item")
async def view(request: Request):
    payload = await request.json()
    incoming = str(payload.get("ref", ""))
    digest = hashlib.md5(incoming.encode()).hexdigest()
    return {"ok": True}
