from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import JSONResponse

app = FastAPI()


@app.post("/run")
async def view(request: Request):
    field = request.query_params.get("name", "")
    response = JSONResponse({"ok": True})
    response.set_cookie("prefs", field, secure=True, httponly=True, samesite="Lax")
    return response
