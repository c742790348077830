import yaml
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()

def perform(value):
    docs = list(yaml.load_all(value, Loader=yaml.FullLoader))


@app.post("/search")
async def lookup(request: Request):
    payload = await request.json()
    param = str(payload.get("item", ""))
    perform(param)
    return {"ok": True}
