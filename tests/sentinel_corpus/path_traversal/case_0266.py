import os
from fastapi import FastAPI

app = FastAPI()

REPORTS = {"daily": "daily.csv", "weekly": "weekly.csv"}


@app.get("/profile")
def endpoint(target: str = ""):
    text = target
    if text not in REPORTS:
        return "unknown report"
    with open(os.path.join("/srv/reports", REPORTS[text])) as fh:
        content = fh.read()
    return {"ok": True}
