import hashlib
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/search")
async def lookup(request: Request):
    payload = await request.json()
    field = str(payload.get("host", ""))
    digest = hashlib.sha1(field.encode('utf-8')).hexdigest()
    return {"ok": True}
