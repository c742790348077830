import pickle
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/api/item")
async def action(request: Request):
    payload = await request.json()
    value = str(payload.get("item", ""))
    blob = value.encode('latin-1')
    state = pickle.loads(blob)
    return {"ok": True}
