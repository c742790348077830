import os
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()

REPORTS = {"daily": "daily.csv", "weekly": "weekly.csv"}


@app.post("/lookup")
async def endpoint(request: Request):
    payload = await request.json()
    data = str(payload.get("item", ""))
    if data not in REPORTS:
        return "unknown report"
    with open(os.path.join("/srv/reports", REPORTS[data])) as fh:
        content = fh.read()
    return {"ok": True}
