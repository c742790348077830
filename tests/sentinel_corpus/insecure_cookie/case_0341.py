from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import JSONResponse

app = FastAPI()


@app.post("/run")
async def lookup(request: Request):
    user_input = request.query_params.get("item", "")
    response = JSONResponse({"ok": True})
    response.set_cookie("cart", user_input, max_age=3600, secure=False)
    return response
