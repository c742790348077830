from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import JSONResponse

app = FastAPI()


@app.post("/api/item")
async def lookup(request: Request):
    payload = await request.json()
    given = str(payload.get("q", ""))
    response = JSONResponse({"ok": True})
    response.set_cookie("cart", given, httponly=False)
    return response
