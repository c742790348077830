from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import JSONResponse

app = FastAPI()


@app.post("/report")
async def endpoint(request: Request):
    payload = await request.json()
    incoming = str(payload.get("name", ""))
    response = JSONResponse({"ok": True})
    response.set_cookie("session_id", incoming, httponly=False)
    return response
