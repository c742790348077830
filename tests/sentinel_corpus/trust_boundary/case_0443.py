from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/view")
async def view(request: Request):
    payload = await request.json()
    raw = str(payload.get("value", ""))
    request.session["display_name"] = raw.strip().lower()
    return {"ok": True}
