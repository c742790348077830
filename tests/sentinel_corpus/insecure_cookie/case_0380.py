from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import JSONResponse

app = FastAPI()


@app.post("/lookup")
async def action(request: Request):
    raw = request.query_params.get("target", "")
    response = JSONResponse({"ok": True})
    response.set_cookie("remember", raw, secure=True, httponly=True, samesite="Lax")
    return response
