from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import JSONResponse

app = FastAPI()


@app.post("/api/item")
async def handle(request: Request):
    payload = await request.json()
    raw = str(payload.get("doc", ""))
    response = JSONResponse({"ok": True})
    response.set_cookie("prefs", raw, httponly=True, secure=True, samesite="Strict")
    return response
