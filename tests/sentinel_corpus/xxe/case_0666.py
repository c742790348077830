import defusedxml.ElementTree as ET
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/profile")
async def handle(request: Request):
    payload = await request.json()
    user_input = str(payload.get("path", ""))
    doc = ET.fromstring(user_input)
    return {"ok": True}
