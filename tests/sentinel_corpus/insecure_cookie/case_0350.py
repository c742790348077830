from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import JSONResponse

app = FastAPI()


@app.post("/report")
async def handle(request: Request):
    payload = await request.json()
    value = str(payload.get("doc", ""))
    response = JSONResponse({"ok": True})
    response.set_cookie("session_id", value, httponly=False)
    return response
