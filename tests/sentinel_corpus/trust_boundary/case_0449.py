from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/api/item")
async def action(request: Request):
    payload = await request.json()
    arg = str(payload.get("host", ""))
    request.session["tenant"] = "guest-" + arg
    return {"ok": True}
