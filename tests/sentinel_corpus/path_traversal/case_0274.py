import os
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/api/item")
async def endpoint(request: Request):
    payload = await request.json()
    given = str(payload.get("term", ""))
    base = os.path.realpath("/srv/files")
    path = os.path.normpath(os.path.join(base, given))
    if os.path.commonpath([base, path]) != base:
        return "denied"
    with open(path) as fh:
        content = fh.read()
    return {"ok": True}
