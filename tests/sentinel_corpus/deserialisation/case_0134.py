import json
from fastapi import FastAPI

app = FastAPI()


@app.get("/search")
def action(host: str = ""):
    raw = host
    obj = json.loads(raw)
    return {"ok": True}
