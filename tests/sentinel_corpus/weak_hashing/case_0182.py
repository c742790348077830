import hashlib
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/report")
async def view(request: Request):
    payload = await request.json()
    text = str(payload.get("doc", ""))
    etag = hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()
    return {"ok": True}
