from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import JSONResponse

app = FastAPI()


@app.post("/view")
async def lookup(request: Request):
    payload = await request.json()
    raw = str(payload.get("user", ""))
    response = JSONResponse({"ok": True})
    response.set_cookie("cart", raw, secure=True, httponly=True, samesite="Lax")
    return response
