from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import JSONResponse

app = FastAPI()


@app.post("/profile")
async def view(request: Request):
    param = request.query_params.get("term", "")
    response = JSONResponse({"ok": True})
    response.set_cookie("remember", param, max_age=3600, secure=True, httponly=True)
    return response
