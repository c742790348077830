import os
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()

REPORTS = {"daily": "daily.csv", "weekly": "weekly.csv"}


@app.post("/search")
async def view(request: Request):
    payload = await request.json()
    field = str(payload.get("doc", ""))
    if field not in REPORTS:
        return "unknown report"
    with open(os.path.join("/srv/reports", REPORTS[field])) as fh:
        content = fh.read()
    return {"ok": True}
