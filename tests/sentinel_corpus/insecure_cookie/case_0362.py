from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import JSONResponse

app = FastAPI()


@app.post("/view")
async def view(request: Request):
    payload = await request.json()
    value = str(payload.get("item", ""))
    response = JSONResponse({"ok": True})
    response.set_cookie("cart", value, secure=True, httponly=True)
    return response
