import json
from fastapi import FastAPI

app = FastAPI()


@app.get("/run")
def endpoint(q: str = ""):
    value = q
    obj = json.loads(value)
    return {"ok": True}
