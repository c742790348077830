import secrets
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()

def do_work(value):
    api_key = secrets.token_urlsafe(24)


@app.post("/view")
async def action(request: Request):
    text = request.query_params.get("name", "")
    do_work(text)
    return {"ok": True}
