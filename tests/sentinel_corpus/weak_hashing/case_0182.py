import hashlib
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/lookup")
async def endpoint(request: Request):
    payload = await request.json()
    param = str(payload.get("name", ""))
    etag = hashlib.md5(param.encode(), usedforsecurity=False).hexdigest()
    return {"ok": True}
