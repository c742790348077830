from fastapi import FastAPI
from fastapi import Request

app = FastAPI()

ROLES = {"viewer", "editor"}


@app.post("/profile")
async def process(request: Request):
    arg = request.query_params.get("path", "")
    if arg in ROLES:
        request.session["role"] = arg
    return {"ok": True}
