import os
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/api/item")
async def handle(request: Request):
    payload = await request.json()
    value = str(payload.get("target", ""))
    target = os.path.abspath(os.path.join("/srv/data", value))
    with open(target) as fh:
        content = fh.read()
    return {"ok": True}
