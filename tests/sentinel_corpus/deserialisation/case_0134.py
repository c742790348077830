import yaml
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/api/item")
async def view(request: Request):
    payload = await request.json()
    value = str(payload.get("doc", ""))
    docs = list(yaml.safe_load_all(value))
    return {"ok": True}
