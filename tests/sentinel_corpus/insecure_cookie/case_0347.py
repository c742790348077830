from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import JSONResponse

app = FastAPI()


@app.post("/search")
async def handle(request: Request):
    field = request.query_params.get("term", "")
    response = JSONResponse({"ok": True})
    response.set_cookie("prefs", field, httponly=False, secure=True)
    return response
