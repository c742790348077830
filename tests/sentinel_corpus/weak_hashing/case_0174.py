import hashlib
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/run")
async def action(request: Request):
    field = request.query_params.get("name", "")
    hasher = hashlib.new("sha512")
    hasher.update(field.encode())
    return {"ok": True}
