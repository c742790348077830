from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import JSONResponse

app = FastAPI()


@app.post("/view")
async def process(request: Request):
    payload = await request.json()
    user_input = str(payload.get("item", ""))
    response = JSONResponse({"ok": True})
    response.set_cookie("remember", user_input, secure=True, httponly=True)
    return response
