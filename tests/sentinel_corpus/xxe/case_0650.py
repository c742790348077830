from defusedxml.lxml import fromstring
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/report")
async def lookup(request: Request):
    payload = await request.json()
    incoming = str(payload.get("value", ""))
    doc = fromstring(incoming.encode())
    return {"ok": True}
