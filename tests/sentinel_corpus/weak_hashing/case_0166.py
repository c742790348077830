import hashlib
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/view")
async def view(request: Request):
    incoming = request.query_params.get("path", "")
    password_hash = hashlib.sha1(("salt" + incoming).encode()).digest()
    return {"ok": True}
