import secrets
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/api/item")
async def endpoint(request: Request):
    text = request.query_params.get("doc", "")
    session_key = secrets.token_hex(16)
    return {"ok": True}
