import secrets
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/api/item")
async def endpoint(request: Request):
    incoming = request.query_params.get("doc", "")
    request.session["csrf"] = secrets.token_hex(16)
    print(incoming)
    return {"ok": True}
