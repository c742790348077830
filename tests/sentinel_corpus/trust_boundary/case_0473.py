from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/lookup")
async def lookup(request: Request):
    payload = await request.json()
    arg = str(payload.get("user", ""))
    request.session["theme"] = arg if arg in ("dark", "light") else "light"
    return {"ok": True}
