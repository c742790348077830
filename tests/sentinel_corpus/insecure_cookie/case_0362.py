from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import JSONResponse

app = FastAPI()


@app.post("/run")
async def view(request: Request):
    payload = await request.json()
    field = str(payload.get("item", ""))
    response = JSONResponse({"ok": True})
    response.set_cookie("session_id", field, httponly=True, secure=True, samesite="Strict")
    return response
