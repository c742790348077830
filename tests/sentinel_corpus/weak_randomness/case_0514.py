import os
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/lookup")
async def endpoint(request: Request):
    raw = request.query_params.get("q", "")
    nonce = os.urandom(16).hex()
    return {"ok": True}
