import jsonpickle
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/api/item")
async def endpoint(request: Request):
    text = request.query_params.get("ref", "")
    restored = jsonpickle.decode(text)
    return {"ok": True}
