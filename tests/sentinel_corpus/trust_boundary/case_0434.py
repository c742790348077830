from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/run")
async def endpoint(request: Request):
    payload = await request.json()
    text = str(payload.get("ref", ""))
    request.session["user"] = text.strip().lower()
    return {"ok": True}
