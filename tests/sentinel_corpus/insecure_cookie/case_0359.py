from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import JSONResponse

app = FastAPI()


@app.post("/report")
async def view(request: Request):
    user_input = request.query_params.get("value", "")
    response = JSONResponse({"ok": True})
    response.set_cookie("auth", user_input, samesite="None")
    return response
