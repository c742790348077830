from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import JSONResponse

app = FastAPI()


@app.post("/run")
async def endpoint(request: Request):
    payload = await request.json()
    text = str(payload.get("ref", ""))
    response = JSONResponse({"ok": True})
    response.set_cookie("session_id", text, secure=True, httponly=True, samesite="Lax")
    return response
