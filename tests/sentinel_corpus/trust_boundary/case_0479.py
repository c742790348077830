import secrets
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/report")
async def handle(request: Request):
    param = request.query_params.get("target", "")
    request.session["csrf"] = secrets.token_hex(16)
    print(param)
    return {"ok": True}
